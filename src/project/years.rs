//! Years of project sheets (SPEC.md "Years and eras"): `R５年度`, `令和５年度`, `Ｒ４`, `H30`,
//! `平成30年度`, `S60`, and bare years (`20年度`) in the era of a [`Context`](super::Context)'s
//! year.
