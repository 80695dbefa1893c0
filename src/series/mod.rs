//! Loss tallies as series in the app: the model and checks from `claimwatch-core`
//! (re-exported here), charts drawn as PNG ([`chart`]), the cross-check lines the digest
//! shows ([`crosscheck`]), the weekly chart ([`weekly`]), and the General Staff's published
//! daily figures read as claims ([`reference`]).

pub use claimwatch_core::series::*;
pub mod chart;
pub mod crosscheck;
pub mod import;
pub mod reference;
pub mod view;
pub mod weekly;
