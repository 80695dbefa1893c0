//! Names as a reader sees them: which known claimant a claim or a channel names
//! ([`claimants`]), and the places of the gazetteer in the nominative, in English, Ukrainian
//! and Russian ([`places`]). Data files beside the code; pure look-ups.

pub mod claimants;
pub mod places;
