//! The series suite: the General Staff's real daily figures filed as claims and rebuilt as
//! series (every point and change checked against the reference, the cross-checks on its
//! irregular days and on injected ones), charts in every language checked for size and
//! dimensions, and a golden image.

#[path = "../support/mod.rs"]
mod support;

mod charts;
mod reference;
