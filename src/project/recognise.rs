//! Page kinds of project sheets (SPEC.md "Project sheets", recognition): whether a page
//! starts a project sheet (a project-name label with a value and two more labels of the
//! project vocabulary), continues the open one, or ends it.
