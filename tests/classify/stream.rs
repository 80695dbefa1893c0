//! The claims a reader sees, on the project's own labels of real posts
//! (`tests/fixtures/labels/`, texts read from `../shared/data`): whether each post is flagged,
//! and whether each claim is right field by field. Asserts issue 13's floors for flagging and
//! regression floors for the claim fields, and prints the issue's claim floors as not met
//! while they are not. Skips with a notice when the shared data is absent.

use claimwatch::cli::eval::claims::ClaimReport;
use claimwatch::cli::eval::evaluate_claims;
use claimwatch::cli::eval::report::{ClaimFloors, below, render};
use claimwatch::model::Category;

fn labels(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/labels/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn score(name: &str, split: Option<&str>) -> Option<ClaimReport> {
    let data = crate::support::shared_data()?;
    let r = evaluate_claims(&labels(name), &data, split).unwrap();
    println!(
        "== {name} ({})\n{}",
        split.unwrap_or("all"),
        render(&r, split.unwrap_or("all"), false)
    );
    Some(r)
}

/// Issue 13's floors: loss and refusal recall ≥ 0.90 at precision ≥ 0.95 on the stream set.
const FLAG_FLOORS: ClaimFloors = ClaimFloors {
    precision: Some(0.95),
    recall: Some(0.90),
    claimant: None,
    side: None,
    fully: None,
};

/// The issue's claim floors (claimant ≥ 95 %, side ≥ 95 %, fully right ≥ 90 %): printed, not
/// yet met.
const ISSUE_CLAIM_FLOORS: ClaimFloors = ClaimFloors {
    precision: None,
    recall: None,
    claimant: Some(0.95),
    side: Some(0.95),
    fully: Some(0.90),
};

/// Regression floors a little below the level measured when the claim rules were last
/// changed (2026-12-07, seventh session: claimant 86.5 %, side 88.1 %, fully right 76.2 %).
const MEASURED_CLAIM_FLOORS: ClaimFloors = ClaimFloors {
    precision: None,
    recall: None,
    claimant: Some(0.84),
    side: Some(0.86),
    fully: Some(0.74),
};

#[test]
fn the_stream_set_meets_the_flagging_floors_and_the_measured_claim_floors() {
    let Some(all) = score("stream.jsonl", None) else {
        return;
    };
    score("stream.jsonl", Some("dev"));
    score("stream.jsonl", Some("held_out"));
    assert!(all.posts >= 470, "the stream labels look truncated");
    let flags = below(&all, &FLAG_FLOORS);
    assert!(flags.is_empty(), "{}", flags.join("\n"));
    let issue = below(&all, &ISSUE_CLAIM_FLOORS);
    if !issue.is_empty() {
        println!("issue 13's claim floors are not met: {}", issue.join("; "));
    }
    let measured = below(&all, &MEASURED_CLAIM_FLOORS);
    assert!(measured.is_empty(), "{}", measured.join("\n"));
}

#[test]
fn other_sets_are_scored_and_nothing_is_flagged_wrongly_in_the_news_feeds() {
    let (Some(week), Some(news), Some(targeted)) = (
        score("week.jsonl", None),
        score("news.jsonl", None),
        score("targeted.jsonl", None),
    ) else {
        return;
    };
    assert!(week.posts >= 430 && news.posts >= 110 && targeted.posts >= 40);
    for category in Category::ALL {
        assert_eq!(
            news.category(category).fp,
            0,
            "{category} in the news feeds"
        );
        assert_eq!(
            targeted.category(category).fp,
            0,
            "{category} in the unflagged posts with words of loss"
        );
        let p = week.category(category).precision().unwrap_or(1.0);
        assert!(p >= 0.90, "{category} precision on the week: {p:.3}");
    }
}

/// Regression floors on the claims of the shared development texts (`dev_texts.jsonl`: en, uk
/// and ru news articles, claims labelled by us), at the level measured after the rules written
/// against its development part.
const NEWS_TEXT_FLOORS: ClaimFloors = ClaimFloors {
    precision: Some(1.0),
    recall: Some(0.85),
    claimant: Some(0.54),
    side: Some(0.72),
    fully: Some(0.34),
};

#[test]
fn the_news_articles_of_the_development_set_are_scored_claim_by_claim() {
    let Some(all) = score("dev_texts.jsonl", None) else {
        return;
    };
    score("dev_texts.jsonl", Some("dev"));
    score("dev_texts.jsonl", Some("held_out"));
    assert!(all.posts >= 35, "the labels look truncated");
    let measured = below(&all, &NEWS_TEXT_FLOORS);
    assert!(measured.is_empty(), "{}", measured.join("\n"));
}

/// The second stream sample (`stream2.jsonl`: 120 posts drawn anew by `sample_stream2.py`,
/// labelled blind by another hand and held out): almost none is a claim, so it measures what
/// is flagged wrongly. None was, at the eighth session's start or end.
#[test]
fn the_second_stream_sample_is_flagged_wrongly_nowhere() {
    let Some(r) = score("stream2.jsonl", None) else {
        return;
    };
    assert!(r.posts >= 120, "the labels look truncated");
    flagged_wrongly_nowhere(&r);
}

/// The third stream sample (`stream3.jsonl`: the 151 posts no label file held that a war scan
/// matches, drawn by `sample_stream3.py`, labelled blind by other hands, half held out). No
/// flagged post was unlabelled, so at the ninth session's start none of its 21 loss posts was
/// flagged: it measures what the rules miss. Nothing may be flagged wrongly; the development
/// half keeps the recall its rules reached.
#[test]
fn the_third_stream_sample_keeps_its_recall_and_is_flagged_wrongly_nowhere() {
    keeps_recall_and_flags_wrongly_nowhere("stream3.jsonl", 150, 0.45);
}

/// The fourth stream sample (`stream4.jsonl`: 103 posts, losses told without a digit and
/// refusal words, `sample_stream4.py`, labelled blind, half held out): nothing flagged
/// wrongly. None of its 12 claims was found at the ninth session's end; the tenth's rules find
/// two of the four loss posts of its development half, both right in every field.
#[test]
fn the_fourth_stream_sample_keeps_its_recall_and_is_flagged_wrongly_nowhere() {
    keeps_recall_and_flags_wrongly_nowhere("stream4.jsonl", 100, 0.5);
}

/// A sample of at least `posts` posts flags none wrongly, and its development half keeps at
/// least `recall` of its loss posts.
fn keeps_recall_and_flags_wrongly_nowhere(name: &str, posts: usize, recall: f64) {
    let (Some(all), Some(dev)) = (score(name, None), score(name, Some("dev"))) else {
        return;
    };
    assert!(all.posts >= posts, "{name}: the labels look truncated");
    flagged_wrongly_nowhere(&all);
    let got = dev.category(Category::Losses).recall().unwrap_or(0.0);
    assert!(
        got >= recall,
        "{name}: loss recall on the development half: {got:.3}"
    );
}

/// No post of a sample is flagged in a category its label does not give it.
fn flagged_wrongly_nowhere(r: &ClaimReport) {
    for category in Category::ALL {
        assert_eq!(r.category(category).fp, 0, "{category}: a false flag");
    }
}
