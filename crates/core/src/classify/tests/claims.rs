//! What every claim must satisfy: at most one figure per metric — the body's figure over the
//! title's, a day's count as a running total's delta, what two mentions of one figure say
//! merged into one, a rounded lead and the exact count one figure, a model named after its
//! noun the same thing; losses in two clauses with their own places two claims; a mention
//! without a count in a later paragraph the claim before it.

use super::{claims_of, figures_of, run, total};
use crate::classify::{Category, Classification, ClassifyInput, classify};
use crate::model::{Lang, Metric, Qualifier};

fn with_title(title: &str, text: &str) -> Classification {
    classify(&ClassifyInput {
        title,
        text,
        lang: None,
    })
}

/// Panics naming the text when a claim carries one metric twice.
fn assert_one_per_metric(c: &Classification, text: &str) {
    for claim in &c.claims {
        let mut metrics: Vec<Metric> = claim.figures.iter().map(|f| f.metric).collect();
        let n = metrics.len();
        metrics.sort();
        metrics.dedup();
        assert_eq!(metrics.len(), n, "{text}\n{claim:?}");
    }
}

#[test]
fn the_title_and_the_body_merge_into_one_figure() {
    let c = with_title(
        "General Staff: Russia has lost 950,000 troops",
        "The General Staff of the Armed Forces of Ukraine said Russia has lost about 950,000 troops since 24 February 2022 (+1,100 over the past day).",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(
        claims[0].figures,
        vec![total(
            Metric::Personnel,
            950_000,
            Some(1_100),
            Some(Qualifier::About)
        )]
    );
}

#[test]
fn when_title_and_body_disagree_the_body_wins() {
    let c = with_title(
        "Russia lost 950,000 troops, Kyiv says",
        "Ukraine's General Staff said Russia has lost 948,210 troops since the invasion began.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].figures.len(), 1);
    assert_eq!(claims[0].figures[0].value, 948_210);
    // A day's count and a running total of one metric: the day's count is the delta.
    let d = run(
        "За добу росіяни втратили 1 100 військових. З початку вторгнення Росія втратила 950 000 військових.",
    );
    assert_eq!(
        claims_of(&d, Category::Losses)[0].figures,
        vec![total(Metric::Personnel, 950_000, Some(1_100), None)]
    );
    // Otherwise a second value of the metric is another claim: a figure for all axes and one
    // for an axis, each with its own period.
    let values = |text: &str| -> Vec<i64> {
        claims_of(&run(text), Category::Losses)
            .iter()
            .map(|c| c.figures[0].value)
            .collect()
    };
    assert_eq!(
        values(
            "ВСУ потеряли до 1 300 военнослужащих. На курском направлении потери ВСУ за неделю составили 900 военнослужащих."
        ),
        vec![1_300, 900]
    );
    assert_eq!(
        values(
            "ВСУ потеряли за сутки до 1 300 военнослужащих. На курском направлении потери ВСУ за сутки составили 200 военнослужащих."
        ),
        vec![1_300, 200]
    );
}

#[test]
fn no_claim_carries_a_metric_twice_over_many_inputs() {
    // Titles and bodies made of figures that repeat metrics in every combination.
    let parts = [
        "Russia has lost 900,000 troops",
        "Russia has lost about 900,000 troops since 24 February (+1,000 over the past day)",
        "Russia lost 1,000 troops over the past day",
        "as well as 9,000 tanks (+3) and 9,100 tanks",
        "ВСУ потеряли до 1 300 военнослужащих и три танка",
        "за сутки противник потерял 1 200 военнослужащих, в том числе 300 на курском направлении",
        "Загальні втрати ворога склали:\nособового складу – близько 880 000 (+1 100) осіб\nтанків – 10 000 (+5)\nособового складу – 880 000",
        "About 40 soldiers refused to advance, and 60 soldiers refused to fight",
        "понад 20 тисяч військових самовільно залишили частини, ще 5 тисяч військових дезертирували",
        "Генштаб ЗСУ: втрати росіян за добу — 1 200 осіб; загалом — 900 000 осіб",
    ];
    let mut rng = fastrand::Rng::with_seed(11);
    for _ in 0..600 {
        let pick = |rng: &mut fastrand::Rng, n: usize| -> String {
            (0..n)
                .map(|_| parts[rng.usize(0..parts.len())])
                .collect::<Vec<_>>()
                .join(". ")
        };
        let title = if rng.bool() {
            pick(&mut rng, 1)
        } else {
            String::new()
        };
        let n = rng.usize(1..5);
        let text = pick(&mut rng, n);
        let c = with_title(&title, &text);
        assert_one_per_metric(&c, &format!("{title}\n\n{text}"));
    }
    // And on every example of the other unit tests' kind in one long text.
    let all = parts.join(". ");
    assert_one_per_metric(&run(&all), &all);
    let c = classify(&ClassifyInput {
        title: parts[0],
        text: &all,
        lang: Some(Lang::En),
    });
    assert_one_per_metric(&c, &all);
}

#[test]
fn a_rounded_lead_and_the_exact_count_are_one_figure() {
    // "майже 900" in the lead, 870 in the body: one figure, the exact one kept.
    let c = run(
        "Сили оборони України ліквідували майже 900 російських окупантів за минулу добу, повідомив Генштаб ЗСУ. За добу знищено 870 окупантів.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    let f = &claims[0].figures[0];
    assert_eq!((f.value, f.qualifier), (870, None));
    // The exact count told as a running total's change of the day.
    let c = run(
        "Сили оборони України ліквідували майже 900 російських окупантів за минулу добу, повідомив Генштаб ЗСУ. Загальні бойові втрати противника становлять близько 294 700 осіб, з яких 870 знищено протягом доби.",
    );
    let claims = claims_of(&c, Category::Losses);
    let values: Vec<(i64, Option<i64>)> = claims
        .iter()
        .map(|c| (c.figures[0].value, c.figures[0].delta))
        .collect();
    assert_eq!(values, vec![(870, None), (294_700, Some(870))]);
    // Too far apart to be one number rounded: two values, two claims.
    let c = run(
        "Сили оборони України ліквідували майже 900 російських окупантів за минулу добу, повідомив Генштаб ЗСУ. За добу знищено 700 окупантів.",
    );
    assert_eq!(claims_of(&c, Category::Losses).len(), 2);
    // The approximate value is the rounder one: "близько 880" is no rounding of 900.
    let c = run(
        "Сили оборони України ліквідували близько 880 російських окупантів за минулу добу, повідомив Генштаб ЗСУ. За добу знищено 900 окупантів.",
    );
    assert_eq!(claims_of(&c, Category::Losses).len(), 2);
}

/// The values of every armoured-vehicle figure of the loss claims.
fn apc(c: &Classification) -> Vec<i64> {
    claims_of(c, Category::Losses)
        .iter()
        .flat_map(|x| x.figures.iter())
        .filter(|f| f.metric == Metric::Apc)
        .map(|f| f.value)
        .collect()
}

#[test]
fn a_model_named_after_its_noun_is_the_same_vehicle() {
    // "бронетранспортер БТР-82", "бронемашину (МТ-ЛБ)": the model names the thing counted
    // before it; two nouns parted by a comma are two things.
    for text in [
        "ВСУ подбили один бронетранспортер БТР-82.",
        "ВСУ подбили одну бронемашину (МТ-ЛБ).",
        "Украинские военные подбили один бронированный тягач МТ-ЛБ.",
    ] {
        let c = run(text);
        assert_eq!(apc(&c), [1], "{text}: {:?}", c.claims);
    }
    assert_eq!(apc(&run("Уничтожены БМП, МТ-ЛБ и танк.")), [2]);
}

#[test]
fn losses_told_in_two_clauses_with_their_own_places_are_two_claims() {
    let c = run(
        "Минобороны сообщило, что были поражены 3 пусковые установки HIMARS в Сумской \
         области, а с помощью FPV-дрона уничтожена пусковая установка ЗРК в районе Очакова в \
         Николаевской области.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 2, "{claims:?}");
    assert_eq!(claims[0].location.as_deref(), Some("Сумской области"));
    assert_eq!(claims[0].figures.len(), 1);
    assert_eq!(claims[1].figures[0].metric, Metric::AirDefense);
}

#[test]
fn a_mention_without_a_count_tells_again_the_claim_before_it() {
    let c = run(
        "В Московской области сожгли штурмовой вертолет Ми-24, утверждает главное управление Минобороны Украины (ГУР).\n\nСогласно заявлению, вертолет «уничтожен» (сгорел) в ночь на 10 ноября на аэродроме Клин-5.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    // The directorate of the ministry is its intelligence, not the ministry.
    assert_eq!(
        claims[0].claimant_id.as_deref(),
        Some("ua_defence_intelligence")
    );
    assert_eq!(claims[0].figures[0].metric, Metric::Helicopters);
}

#[test]
fn a_days_count_before_the_total_in_its_sentence_is_the_totals_delta() {
    let c = run(
        "Russia lost 1,630 soldiers over the past day, bringing its total losses to 720,000, the General Staff said.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(
        claims[0].figures,
        vec![total(Metric::Personnel, 720_000, Some(1_630), None)]
    );
    // Its owner told in the sentence before: the possessive continues it.
    let c = run("Russia lost 1,630 soldiers over the past day. Its total losses rose to 720,000.");
    assert_eq!(claims_of(&c, Category::Losses)[0].figures[0].value, 720_000);
    // A company's losses are no soldier's.
    let c = run("The company reported a bad year. Its total losses rose to 720,000.");
    assert!(claims_of(&c, Category::Losses).is_empty());
    // A hedged day's count is no delta: its hedge would be lost.
    let c = run(
        "На курском направлении потери ВСУ за сутки составили более 250 человек, за всё время боёв там – более 36260 военнослужащих.",
    );
    let values: Vec<i64> = figures_of(&c, Category::Losses)
        .into_iter()
        .map(|(_, v)| v)
        .collect();
    assert_eq!(values, vec![250, 36_260]);
}
