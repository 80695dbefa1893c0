//! Sentences written for the project by other hands in the eighth, ninth and tenth sessions
//! (2026-12-07/08): helpers that read only the labelling rules (docs/labelling.md), never the
//! code or its output. `paraphrases7`, `10`, `11`, `13` and `15` are held out whole, scored blind
//! at their session's start and end, their errors never listed; `paraphrases8`, `9`, `12` and
//! `14` are development files, whose errors the sessions' rules were written from. Texts
//! inline; no shared data needed.

use super::paraphrases::assert_floors;
use claimwatch::cli::eval::report::ClaimFloors;

/// Held out (34 claims): fully right 61.8 % → 73.5 % (eighth session) → 76.5 % (ninth) →
/// 79.4 % (tenth), claimant 82.4 → 88.2 %, side 82.4 → 85.3 %, loss recall 0.944 → 1.000,
/// refusal recall 1.000, precision 1.000.
const SEVENTH_FLOORS: ClaimFloors = ClaimFloors {
    precision: Some(1.0),
    recall: Some(0.94),
    claimant: Some(0.85),
    side: Some(0.82),
    fully: Some(0.76),
};

/// Development (49 claims): fully right 47.8 % → 83.7 %, loss recall 0.821 → 1.000.
const EIGHTH_FLOORS: ClaimFloors = ClaimFloors {
    precision: Some(1.0),
    recall: Some(0.95),
    claimant: Some(0.88),
    side: Some(0.92),
    fully: Some(0.78),
};

/// Development, longer texts (70 claims): fully right 33.8 % → 59.7 % (eighth session) →
/// 70.4 % (ninth) → 75.7 % (tenth); one refusal flag is false (a draft dodger's "I refused to
/// fight"), so precision is 0.938.
const NINTH_FLOORS: ClaimFloors = ClaimFloors {
    precision: Some(0.93),
    recall: Some(0.95),
    claimant: Some(0.80),
    side: Some(0.85),
    fully: Some(0.73),
};

/// Held out (40 claims): fully right 52.5 % → 60.0 %, claimant 85.0 → 87.5 %, side 90.0 %,
/// loss recall 0.950, refusal recall 1.000, precision 1.000.
const TENTH_FLOORS: ClaimFloors = ClaimFloors {
    precision: Some(1.0),
    recall: Some(0.94),
    claimant: Some(0.85),
    side: Some(0.87),
    fully: Some(0.57),
};

/// Ninth session, held out (41 claims), written after its first rules: fully right 36.6 % →
/// 43.9 % (ninth session) → 46.3 % (tenth), claimant 68.3 → 70.7 %, loss recall 0.857, refusal
/// recall 0.909, precision 1.000.
const ELEVENTH_FLOORS: ClaimFloors = ClaimFloors {
    precision: Some(1.0),
    recall: Some(0.85),
    claimant: Some(0.68),
    side: Some(0.83),
    fully: Some(0.44),
};

/// Ninth session, development (Telegram style, 56 claims): fully right 41.7 % → 70.2 % (ninth
/// session) → 75.0 % (tenth).
const TWELFTH_FLOORS: ClaimFloors = ClaimFloors {
    precision: Some(1.0),
    recall: Some(0.95),
    claimant: Some(0.82),
    side: Some(0.95),
    fully: Some(0.73),
};

/// Ninth session, held out (40 claims), written after most of its rules, in forms asked to be
/// hard: fully right 41.5 % → 42.5 %, loss recall 1.000, refusal recall 0.909.
const THIRTEENTH_FLOORS: ClaimFloors = ClaimFloors {
    precision: Some(1.0),
    recall: Some(0.90),
    claimant: Some(0.72),
    side: Some(0.85),
    fully: Some(0.40),
};

/// Ninth session, development (60 claims): fully right 32.8 % → 43.8 % (ninth session) → 68.3 %
/// (tenth); one loss flag false.
const FOURTEENTH_FLOORS: ClaimFloors = ClaimFloors {
    precision: Some(0.95),
    recall: Some(0.95),
    claimant: Some(0.83),
    side: Some(0.91),
    fully: Some(0.66),
};

/// Tenth session, held out (33 claims), written after its first rule: fully right 36.4 % at the
/// session's start and end, claimant 66.7 %, side 81.8 %; loss precision and recall 0.938 (one
/// false flag), refusal recall 0.750.
const FIFTEENTH_FLOORS: ClaimFloors = ClaimFloors {
    precision: Some(0.93),
    recall: Some(0.74),
    claimant: Some(0.65),
    side: Some(0.80),
    fully: Some(0.35),
};

#[test]
fn sentences_of_other_hands_meet_the_measured_floors() {
    assert_floors("paraphrases7.jsonl", &SEVENTH_FLOORS, 30);
    assert_floors("paraphrases8.jsonl", &EIGHTH_FLOORS, 45);
    assert_floors("paraphrases9.jsonl", &NINTH_FLOORS, 45);
    assert_floors("paraphrases10.jsonl", &TENTH_FLOORS, 36);
    assert_floors("paraphrases11.jsonl", &ELEVENTH_FLOORS, 36);
    assert_floors("paraphrases12.jsonl", &TWELFTH_FLOORS, 45);
    assert_floors("paraphrases13.jsonl", &THIRTEENTH_FLOORS, 36);
    assert_floors("paraphrases14.jsonl", &FOURTEENTH_FLOORS, 48);
    assert_floors("paraphrases15.jsonl", &FIFTEENTH_FLOORS, 36);
}
