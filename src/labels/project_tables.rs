//! The printed labels of a project sheet's tables, as data: indicator and cost table
//! headings, basis words, the closed list of assessment labels and the direction vocabulary
//! (SPEC.md "Project sheets").
