//! What a figure counts: deaths per day within a month, a range told in words, one of many, an
//! average, the noun after a shortened thousand, an adverb or a source aside before a link verb;
//! what span of time 24 hours and several months are; emphasis markers between a number and its
//! noun; a fraction of a million said in words; launchers named by their rockets; the killed
//! and the count with the wounded; soldiers' slang for the dead and wounded; a word after the
//! figure ("Безвозвратно."); a list line of fuel tanks; a count since a day within a year or
//! as of a statement's day.

use super::{claims_of, figures_of, run};
use crate::classify::Category;
use crate::model::{Metric, Period, Qualifier, Side};

#[test]
fn deaths_counted_per_day_in_a_month_are_a_daily_rate() {
    // "смертей" counts the killed, only where the sentence is military; a rate per day after
    // the figure tells what it counts, the month around it only when; an imperfective verb
    // of losing is a loss word.
    let c =
        run("Подсчет показал, что в октябре было около 150 смертей российских военных в сутки.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    let f = &claims[0].figures[0];
    assert_eq!(
        (f.metric, f.value, f.period),
        (Metric::Killed, 150, Some(Period::Day))
    );
    assert_eq!(claims[0].side, Some(Side::Russia));
    assert!(
        claims_of(
            &run("В больнице зафиксировано 12 смертей от гриппа."),
            Category::Losses
        )
        .is_empty()
    );
    let c = run("В ноябре ВСУ теряли до 1500 военнослужащих в день.");
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!((f.value, f.period), (1500, Some(Period::Day)));
}

#[test]
fn a_range_told_in_words_after_its_noun_stays_a_range() {
    // "от … до" / "від … до" / "between … and" frame a range; the side may stand between the
    // noun and its verb ("колеблется", "ranged").
    for text in [
        "Число ликвидированного личного состава ВСУ колеблется от 30 до 50.",
        "Втрати ворога коливаються від 30 до 50 осіб.",
        "Russian losses ranged between 30 and 50 troops.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        let f = &claims[0].figures[0];
        assert_eq!(
            (f.value, f.low, f.qualifier),
            (50, Some(30), None),
            "{text}"
        );
    }
    let c = run("Потери личного состава ВСУ составили 50.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims[0].side, Some(Side::Ukraine));
    assert_eq!(claims[0].figures[0].metric, Metric::Personnel);
}

#[test]
fn a_noun_after_a_plural_quantity_is_one_of_many() {
    // "БМП" is singular only when nothing says more: "несколько" before it in its sentence.
    let c = run("С начала месяца бойцы уничтожили несколько танков, БМП и пикапов ВСУ.");
    let claims = claims_of(&c, Category::Losses);
    assert!(claims.iter().all(|x| x.figures.is_empty()), "{claims:?}");
    let c = run("Бойцы уничтожили БМП ВСУ под Покровском.");
    let f = &claims_of(&c, Category::Losses)[0].figures;
    assert_eq!((f[0].metric, f[0].value), (Metric::Apc, 1));
}

#[test]
fn a_shortened_thousand_is_followed_by_what_it_counts() {
    // The full stop of "тыс."/"тис." inside a sentence is the abbreviation's: the noun after it
    // is what the number counts. A full stop that ends the sentence is still punctuation.
    let cases = [
        (
            "С начала года погибли более 12 тыс. российских военных.",
            Category::Losses,
            Metric::Killed,
            12_000,
        ),
        (
            "За пів року понад 14 тис. російських солдатів та офіцерів самовільно залишили частини.",
            Category::Refusal,
            Metric::Deserters,
            14_000,
        ),
    ];
    for (text, category, metric, value) in cases {
        let c = run(text);
        let claims = claims_of(&c, category);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        let f = &claims[0].figures;
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        assert_eq!((f[0].metric, f[0].value), (metric, value), "{text}");
    }
    let c = run("Бюджет составил 40 тыс. Военные погибли при обстреле.");
    let claims = claims_of(&c, Category::Losses);
    assert!(
        claims
            .iter()
            .all(|x| x.figures.iter().all(|f| f.value != 40_000)),
        "{claims:?}"
    );
}

#[test]
fn a_span_of_24_hours_is_one_day() {
    for text in [
        "Russian forces killed about 1,200 Ukrainian soldiers within a 24-hour period, the ministry said.",
        "За последние 24 часа ВСУ потеряли до 400 военнослужащих.",
        "За останні 24 години окупанти втратили 1 150 осіб.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        assert_eq!(claims[0].figures[0].period, Some(Period::Day), "{text}");
    }
}

#[test]
fn an_adverb_of_time_may_stand_between_a_loss_noun_and_its_link_verb() {
    // "наразі", "сейчас", "currently" join the link words ("уже", "вже", "now" were there):
    // "втрати … загиблими наразі становлять N" counts the killed. The words right before a
    // noun that comes first ("Russian military fatalities") are the figure's own: they tell
    // that the dead are soldiers.
    for (text, metric) in [
        (
            "Втрати окупантів загиблими наразі становлять 95 000.",
            Metric::Killed,
        ),
        (
            "Потери россиян убитыми сейчас составляют 95 000.",
            Metric::Killed,
        ),
        (
            "Russian military fatalities currently stand at 95,000.",
            Metric::Killed,
        ),
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        let f = &claims[0].figures;
        assert_eq!((f[0].metric, f[0].value), (metric, 95_000), "{text}");
    }
    // Without a military word, the dead are anyone's.
    let c = run("Fatalities in the city currently stand at 950, the mayor said.");
    assert!(claims_of(&c, Category::Losses).is_empty());
}

#[test]
fn a_source_told_aside_between_commas_does_not_cut_a_noun_from_its_figure() {
    // "втрати … загиблими, за словами президента, становлять N": the aside opens with a
    // source cue; any other aside still cuts ("звісно" is no source).
    for text in [
        "Втрати окупантів загиблими, за словами президента, наразі становлять 95 000.",
        "Потери россиян убитыми, по данным разведки, составляют 95 000.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        let f = &claims[0].figures;
        assert_eq!(
            (f[0].metric, f[0].value),
            (Metric::Killed, 95_000),
            "{text}"
        );
    }
    let c = run("Втрати окупантів загиблими, звісно, становлять 95 000.");
    assert!(
        claims_of(&c, Category::Losses)
            .iter()
            .all(|x| x.figures.is_empty())
    );
}

#[test]
fn a_span_of_several_months_is_no_running_total() {
    // "за дев'ять місяців", "за 9 месяцев": a bounded span the enum has no name for, so no
    // period at all, even beside "загалом" ("overall").
    for text in [
        "Загалом за дев'ять місяців з частин дезертирували понад 25 тис. військових РФ.",
        "Всего за 9 месяцев из частей дезертировали более 25 тыс. российских военных.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Refusal);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        let f = &claims[0].figures[0];
        assert_eq!((f.value, f.period), (25_000, None), "{text}");
    }
}

#[test]
fn an_average_is_hedged_as_about() {
    let cases = [
        "В течение сентября каждый день в среднем мы фиксировали сообщения о гибели 140 российских военных.",
        "On average, 140 Russian soldiers were killed every day in September, the British intelligence said.",
        "У вересні росіяни щодня в середньому втрачали 140 військових.",
    ];
    for text in cases {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}");
        let f = &claims[0].figures[0];
        assert_eq!(
            (f.value, f.qualifier),
            (140, Some(Qualifier::About)),
            "{text}"
        );
    }
    // An average of another number is not this one's.
    let c = run("В среднем за месяц 30 атак, в ходе последней погибли 140 российских военных.");
    let hedged = claims_of(&c, Category::Losses)
        .iter()
        .flat_map(|c| &c.figures)
        .any(|f| f.value == 140 && f.qualifier.is_some());
    assert!(!hedged);
}

#[test]
fn emphasis_markers_part_no_figure_from_its_noun() {
    let c = run(
        "Минобороны: ударом «Искандера» в Одессе **уничтожены 72 человека** личного состава боевых расчетов.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{:?}", c.claims);
    assert_eq!(claims[0].figures[0].metric, Metric::Personnel);
    assert_eq!(claims[0].figures[0].value, 72);
    assert_eq!(claims[0].evidence[0], "уничтожены 72 человека");
    let c =
        run("Потери ВСУ на курском направлении за сутки составили** **до 255** **военнослужащих.");
    assert_eq!(claims_of(&c, Category::Losses)[0].figures[0].value, 255);
}

#[test]
fn a_fraction_of_a_million_in_words_during_the_war_is_a_running_total() {
    // "чверть мільйона" is a number; "під час … війни" counts since the war began.
    let c = run(
        "Під час повномасштабної війни в Україні відкрито понад чверть мільйона справ за СЗЧ і дезертирство.",
    );
    let claims = claims_of(&c, Category::Refusal);
    assert_eq!(claims.len(), 1, "{claims:?}");
    let f = &claims[0].figures[0];
    assert_eq!(
        (f.metric, f.value, f.period, f.qualifier),
        (
            Metric::Deserters,
            250_000,
            Some(Period::Total),
            Some(Qualifier::MoreThan)
        )
    );
    assert_eq!(claims[0].side, Some(Side::Ukraine));
}

#[test]
fn irrecoverable_losses_count_the_killed_and_medical_losses_the_wounded() {
    // "безвозвратные потери" are the dead (and missing), not the dead and wounded: the word
    // before the loss word says what kind of loss it counts.
    for text in [
        "Безвозвратные потери ВСУ в Курской области составили более 26 тысяч человек.",
        "Безповоротні втрати ЗСУ становлять понад 26 тисяч осіб.",
        "Ukraine's irrecoverable losses exceed 26,000 troops.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        let f = &claims[0].figures[0];
        assert_eq!((f.metric, f.value), (Metric::Killed, 26_000), "{text}");
    }
    let c = run("Потери ВСУ в Курской области составили более 26 тысяч человек.");
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!(f.metric, Metric::Personnel);
    // "санитарные потери" are the wounded and sick.
    let c = run("Санитарные потери ВСУ в Курской области составили более 26 тысяч человек.");
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!(f.metric, Metric::Wounded);
}

#[test]
fn launchers_named_by_their_rockets_add_up_as_rocket_systems() {
    // "пусковые установки ATACMS" are rocket launchers; ATACMS missiles shot down are not.
    let c = run(
        "В Сумской области уничтожены 5 пусковых установок ATACMS, 2 пусковые установки MLRS, 3 пусковые установки РСЗО HIMARS.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    let f = &claims[0].figures[0];
    assert_eq!((f.metric, f.value), (Metric::Mlrs, 10));
    let c = run("Силы ПВО сбили 5 ракет ATACMS над Курской областью.");
    assert!(claims_of(&c, Category::Losses).is_empty());
    // A launcher of no known kind is equipment, one when no number counts it.
    let c = run(
        "За неделю уничтожены две пусковые установки с ракетами «Гром-2» и пусковая установка комплекса «Нептун», сообщили в Минобороны.",
    );
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!((f.metric, f.value), (Metric::Equipment, 3));
}

#[test]
fn the_killed_and_the_count_with_the_wounded_are_two_figures() {
    // "с учетом раненых" stands for the figure it introduces, not the one before its comma;
    // a short sentence opening with a bare number adds a figure to the one before.
    for text in [
        "Потери России убитыми составляют 180 тысяч, а с учетом раненых — до 500 тысяч.",
        "Втрати росіян загиблими наразі становлять 180 000, а разом із пораненими — до 500 000.",
        "Втрати росіян загиблими наразі становлять 180 000. До 500 000 – разом із пораненими.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        let figures: Vec<(Metric, i64)> = claims[0]
            .figures
            .iter()
            .map(|f| (f.metric, f.value))
            .collect();
        assert_eq!(
            figures,
            vec![(Metric::Killed, 180_000), (Metric::Personnel, 500_000)],
            "{text}"
        );
    }
}

#[test]
fn soldiers_slang_for_the_dead_and_wounded_counts_soldiers() {
    // "200-х и 300-х" (the dead and the wounded) is soldiers' word: military by itself.
    let c = run(
        "За последние два дня число 200-х и 300-х в рядах ВСУ резко возросло — до 200–300 человек в день.",
    );
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Personnel, 300)]
    );
    let c = run("Кількість 200-х і 300-х у лавах окупантів зросла до 300 осіб на день.");
    assert_eq!(
        figures_of(&c, Category::Losses),
        vec![(Metric::Personnel, 300)]
    );
    // A plain word of dying is no soldier's: civilians die in strikes.
    assert!(
        run("Число убитых в городе возросло до 300 человек в день.")
            .claims
            .is_empty()
    );
}

#[test]
fn a_word_after_the_figure_says_what_kind_of_loss_it_counts() {
    let c = run(
        "Украина потеряла больше 16 тысяч человек. А в Курской области — больше 26 тысяч. Безвозвратно.",
    );
    let figures = figures_of(&c, Category::Losses);
    assert_eq!(
        figures,
        vec![(Metric::Personnel, 16_000), (Metric::Killed, 26_000)]
    );
}

#[test]
fn a_list_line_of_fuel_tanks_counts_nothing_and_splits_no_list() {
    // In 2022 the General Staff listed fuel tankers apart from cars; no metric keeps them,
    // and "tanks" in their name is not the tank count.
    let c = run(
        "The total combat losses of the enemy are approximately:\n\ntanks - 854 units,\n\n\
         automotive equipment - 1543 units,\n\nfuel tanks - 76,\n\ndrones - 182.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(
        figures_of(&c, Category::Losses),
        [
            (Metric::Tanks, 854),
            (Metric::Vehicles, 1543),
            (Metric::Uav, 182)
        ]
    );
}

#[test]
fn a_count_since_a_day_within_a_year_or_as_of_a_statement_is_no_years() {
    let c = run(
        "С начала 2024 года потери ВСУ выросли. Согласно сводкам Минобороны РФ, с конца \
         февраля 2024 года ВСУ потеряли более 462,5 тыс. человек убитыми и ранеными.",
    );
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!((f.value, f.period), (462_500, None));
    // The month a statement was made dates it; "на тот момент" makes it a tally to then.
    let c = run(
        "В феврале этого года Зеленский сказал, что потери Сил обороны Украины убитыми \
         составили на тот момент 31 тысячу человек.",
    );
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!((f.value, f.period), (31_000, Some(Period::Total)));
}
