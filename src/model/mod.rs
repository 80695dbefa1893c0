//! Domain types shared by every stage: sources, items, claims and their figures, stories,
//! subscribers. Plain data; no I/O.

mod claim;
mod lang;
mod source;
mod story;
mod subscriber;

pub use claim::{Category, Claim, Figure, Metric, Side};
pub use lang::{Lang, UnknownValue};
pub use source::{InsertOutcome, Item, NewItem, NewSource, Source, SourceKind, SourceOrigin};
pub use story::{SourceRef, StoredClaim, Story, StoryView};
pub use subscriber::{ChatKind, NewSubscriber, Subscriber, Topics};
