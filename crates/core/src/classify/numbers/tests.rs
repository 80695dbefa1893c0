//! Numbers as the texts write them: digit groups, fractions and multipliers, words.

use super::super::lexicon;
use super::*;

fn values(text: &str) -> Vec<(i64, bool)> {
    let lex = lexicon::get().unwrap();
    let d = Doc::new(text);
    let m = lex.matcher.find(&d);
    find(&d, &m).iter().map(|n| (n.value, n.integer)).collect()
}

#[test]
fn digit_groups_in_every_real_form() {
    assert_eq!(
        values("28,300 and 28 300 and 28.300"),
        vec![(28300, true); 3]
    );
    assert_eq!(values("близько 1 226 420 осіб"), vec![(1_226_420, true)]);
    assert_eq!(values("особового складу 260 270"), vec![(260_270, true)]);
    assert_eq!(values("до 1515 военнослужащих"), vec![(1515, true)]);
    assert_eq!(values("1,251 tanks (+3)"), vec![(1251, true), (3, true)]);
    assert_eq!(
        values("12\u{a0}000 and 12\u{202f}000"),
        vec![(12000, true); 2]
    );
}

#[test]
fn fractions_and_multipliers() {
    assert_eq!(values("28,3 тыс. человек"), vec![(28300, true)]);
    assert_eq!(values("1,5 тисячі"), vec![(1500, true)]);
    assert_eq!(values("906,5 тыс."), vec![(906_500, true)]);
    assert_eq!(values("21.6 thousand people"), vec![(21600, true)]);
    assert_eq!(values("646 тис. 400"), vec![(646_400, true)]);
    assert_eq!(values("понад 25 тис. солдатів"), vec![(25000, true)]);
    assert_eq!(values("потерял 12к рублей"), vec![(12000, true)]);
    assert_eq!(values("3,5 км"), vec![(3, false)]);
    assert_eq!(
        values("from 24.02 to 23.04"),
        vec![(24, false), (23, false)]
    );
    assert_eq!(values("2 млн"), vec![(2_000_000, true)]);
}

#[test]
fn spelled_out_numbers() {
    assert_eq!(values("шістдесят десантників"), vec![(60, true)]);
    assert_eq!(values("about sixty paratroopers"), vec![(60, true)]);
    assert_eq!(values("Twenty-three paratroopers"), vec![(23, true)]);
    assert_eq!(values("около сотни мобилизованных"), vec![(100, true)]);
    assert_eq!(values("сотни военных"), vec![]);
    assert_eq!(values("двадцать пять"), vec![(25, true)]);
    assert_eq!(values("сотня бойцов"), vec![(100, true)]);
    assert_eq!(values("три тысячи"), vec![(3000, true)]);
    assert_eq!(values("понад мільйон військових"), vec![(1_000_000, true)]);
    assert_eq!(values("знищили чотири танки"), vec![(4, true)]);
    // Fractions of a thousand or a million, in words.
    assert_eq!(values("понад чверть мільйона"), vec![(250_000, true)]);
    assert_eq!(values("пів мільйона військових"), vec![(500_000, true)]);
    assert_eq!(values("более полумиллиона"), vec![(500_000, true)]);
    assert_eq!(values("полторы тысячи человек"), vec![(1500, true)]);
    assert_eq!(values("more than half a million"), vec![(500_000, true)]);
    assert_eq!(values("a quarter million soldiers"), vec![(250_000, true)]);
    assert_eq!(values("a quarter of the troops"), vec![]);
    // Three words, and a thousand said alone before its hundreds.
    assert_eq!(values("двісті сімдесят п'ять осіб"), vec![(275, true)]);
    assert_eq!(values("тысячу двести военных"), vec![(1200, true)]);
}

#[test]
fn ranges_keep_both_ends() {
    let lex = lexicon::get().unwrap();
    let d = Doc::new("от 60–100 тыс. погибших, 5-7 танков, 2023-2024, от 30 до 50, with 30 to 50");
    let m = lex.matcher.find(&d);
    let nums = find(&d, &m);
    let got: Vec<(i64, Option<i64>)> = nums.iter().map(|n| (n.value, n.low)).collect();
    assert_eq!(
        got,
        vec![
            (100_000, Some(60_000)),
            (7, Some(5)),
            (2024, Some(2023)),
            (50, Some(30)),
            (30, None),
            (50, None)
        ]
    );
}

#[test]
fn percent_is_marked() {
    let lex = lexicon::get().unwrap();
    let d = Doc::new("lost 25% of its combat power, 40 процентов");
    let m = lex.matcher.find(&d);
    let nums = find(&d, &m);
    assert!(nums.iter().all(|n| n.percent));
}

#[test]
fn absurd_digit_runs_are_not_numbers() {
    assert!(values("99999999999999999999999").is_empty());
    let groups = "1 000 000 000 000 000 000 000 000 000";
    assert!(values(groups).iter().all(|(v, _)| *v <= MAX_VALUE));
    assert!(
        values("9 999 999 999 999,999 млрд")
            .iter()
            .all(|(v, _)| *v <= MAX_VALUE)
    );
    assert_eq!(values("1001003921752"), vec![]);
}
