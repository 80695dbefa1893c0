//! Domain types shared by every stage: sources, items, claims and their figures, stories,
//! subscribers. Plain data; no I/O.

/// Names a fixed set of values in one table: `as_str` (the name stored and printed),
/// `Display`, and `FromStr` (trimmed, in any case, aliases after `|`), so the names written to
/// the store, printed and parsed never drift apart.
macro_rules! named_values {
    ($ty:ident, $what:literal, $expected:literal, {
        $($variant:ident => $name:literal $(| $alias:literal)*),+ $(,)?
    }) => {
        impl $ty {
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)+
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = $crate::model::UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.trim().to_ascii_lowercase().as_str() {
                    $($name $(| $alias)* => Ok($ty::$variant),)+
                    _ => Err($crate::model::UnknownValue::new($what, s, $expected)),
                }
            }
        }
    };
}

mod claim;
mod lang;
mod source;
mod story;
mod subscriber;

pub use claim::{Category, Claim, Figure, Metric, Period, Qualifier, Side};
pub use lang::{Lang, UnknownValue};
pub use source::{InsertOutcome, Item, NewItem, NewSource, Source, SourceKind, SourceOrigin};
pub use story::{SourceRef, StoredClaim, Story, StoryView};
pub use subscriber::{ChatKind, NewSubscriber, Subscriber, Topics};
