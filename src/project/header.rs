//! The heading members of a project sheet (SPEC.md "Project sheets"): title,
//! evaluation_year, number, name, departments, plan_position, outline, and `fields` — every
//! labelled value that no other part took — with warnings for text no field took.
