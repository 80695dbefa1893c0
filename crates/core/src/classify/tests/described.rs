//! A speaker the text describes instead of naming, at the end of the sentence: "…, сообщил
//! источник в силовых структурах", "…, повідомили в бригаді", "…, a Ukrainian lawmaker said".
//! Only when nobody is named; a pronoun describes nobody. An outlet right before the verb,
//! with the speaker after it, was told ("Об этом РИА Новости рассказал начальник …"), as was
//! one between the verb and the speaker ("сообщил ТАСС источник") or after "told"; one that
//! "could not verify" the claim does not tell it.

use super::{claims_of, run};
use crate::classify::Category;

/// The claimant of the first loss claim of `text`.
fn claimant(text: &str) -> Option<String> {
    let c = run(text);
    let claims = claims_of(&c, Category::Losses);
    assert!(!claims.is_empty(), "no loss claim: {text}");
    claims[0].claimant.clone()
}

#[test]
fn a_described_speaker_is_the_source() {
    for (text, want) in [
        (
            "Противник потерял за сутки до 300 военнослужащих, сообщил источник в силовых структурах.",
            "источник в силовых структурах",
        ),
        (
            "Ворог за добу втратив близько 200 осіб, повідомив речник бригади.",
            "речник бригади",
        ),
        (
            "Russia lost about 250 troops near Toretsk in a day, a Ukrainian battalion commander said on Monday.",
            "a Ukrainian battalion commander",
        ),
        (
            "Dozens of soldiers deserted their units, according to military lawyers.",
            "military lawyers",
        ),
        (
            "Россия вернула 52 тела российских военных, сообщил РБК депутат Госдумы Иван Петров.",
            "депутат Госдумы Иван Петров",
        ),
        (
            "Оператори дронів знищили російський ЗРК «Тор», повідомили в 47-й бригаді.",
            "47-й бригаді",
        ),
        (
            "Three Russian sailors were killed when a sea drone hit a patrol boat, a Russian Telegram channel reported.",
            "a Russian Telegram channel",
        ),
    ] {
        let c = run(text);
        let got = c.claims.first().and_then(|x| x.claimant.clone());
        assert_eq!(got.as_deref(), Some(want), "{text}");
    }
}

#[test]
fn a_named_source_or_a_pronoun_wins_over_no_description() {
    // A known institution named in the sentence is the source, not the words after the verb.
    let text = "ВСУ потеряли за сутки до 400 военнослужащих, сообщили в Минобороны России.";
    assert_eq!(
        claimant(text).as_deref(),
        Some("Russian Ministry of Defence")
    );
    assert_eq!(
        claimant("ВСУ потеряли за сутки до 400 военнослужащих, рассказал журналистам источник.")
            .as_deref(),
        Some("источник"),
        "the addressee is not the speaker"
    );
    for text in [
        "Russia lost about 250 troops near Toretsk in a day, he said.",
        "ВСУ потеряли за сутки до 400 военнослужащих, сообщил он журналистам.",
        "ВСУ потеряли за сутки до 400 военнослужащих, сообщают СМИ.",
        "ВСУ потеряли за сутки до 400 военнослужащих, говорится в сводке.",
    ] {
        assert_eq!(claimant(text), None, "{text}");
    }
}

#[test]
fn an_investigator_reports_its_own_sides_refusals() {
    for (text, side) in [
        (
            "Понад 20 військових однієї з бригад відмовилися виконувати бойове завдання, повідомило ДБР.",
            Some(crate::model::Side::Ukraine),
        ),
        (
            "Следственный комитет возбудил дело против трех военнослужащих, которые отказались выполнять приказ.",
            Some(crate::model::Side::Russia),
        ),
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Refusal);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        assert_eq!(claims[0].side, side, "{text}");
    }
}

#[test]
fn offices_relatives_and_spokeswomen_are_sources() {
    for (text, want) in [
        (
            "З початку року відкрито 40 тисяч проваджень за СЗЧ, повідомили в Офісі генпрокурора.",
            "Prosecutor General's Office of Ukraine",
        ),
        (
            "Около 30 мобилизованных отказались идти в штурм, рассказали их родственники.",
            "их родственники",
        ),
        (
            "Упродовж доби ворог втратив 45 осіб, повідомила речниця угруповання Олена Коваль.",
            "Олена Коваль",
        ),
    ] {
        let c = run(text);
        let got = c.claims.first().and_then(|x| x.claimant.clone());
        assert_eq!(got.as_deref(), Some(want), "{text}");
    }
}

#[test]
fn a_source_cue_opening_the_sentence_introduces_a_description() {
    for (text, want) in [
        (
            "По оценкам западных аналитиков, потери российской армии под Авдеевкой составили до 40 тысяч человек.",
            "западных аналитиков",
        ),
        (
            "За словами бійців бригади, ворог втратив за тиждень близько 300 осіб.",
            "бійців бригади",
        ),
    ] {
        assert_eq!(claimant(text).as_deref(), Some(want), "{text}");
    }
}

#[test]
fn a_description_opening_its_sentence_and_units_by_number() {
    for (text, want) in [
        (
            "Ukraine's navy said it had destroyed a Russian landing ship in Crimea.",
            "Ukraine's navy",
        ),
        (
            "Russia lost six tanks near Kurakhove, the 79th Air Assault Brigade said.",
            "the 79th Air Assault Brigade",
        ),
    ] {
        assert_eq!(claimant(text).as_deref(), Some(want), "{text}");
    }
    // A date is no part of a description; a pronoun opening the sentence describes nobody.
    assert_eq!(
        claimant("Военкоры 26 ноября сообщили, что ВСУ потеряли 40 военнослужащих."),
        None
    );
    assert_eq!(
        claimant("Он рассказал, что противник потерял за сутки 40 человек."),
        None
    );
}

#[test]
fn a_deserter_far_behind_ukrainian_lines_is_ukraines() {
    let text =
        "Військовослужбовця, який самовільно залишив частину у Житомирі, засудили до п'яти років.";
    let c = run(text);
    let claims = claims_of(&c, Category::Refusal);
    assert_eq!(claims[0].side, Some(crate::model::Side::Ukraine));
}

#[test]
fn a_group_named_in_quotes_keeps_its_closing_quote() {
    let text =
        "Уничтожены до 30 военнослужащих ВСУ и 2 бронемашины, сообщили в группировке «Север».";
    assert_eq!(claimant(text).as_deref(), Some("группировке «Север»"));
}

#[test]
fn groups_and_organisations_describe_speakers() {
    let c = run("More than 100 Russian soldiers have refused to fight, a human rights group said.");
    let claims = claims_of(&c, Category::Refusal);
    assert_eq!(claims[0].claimant.as_deref(), Some("a human rights group"));
}

#[test]
fn ukraines_prosecutors_are_the_prosecutor_generals_office() {
    let c = run("Ukraine's prosecutors have opened more than 90,000 cases of desertion this year.");
    let claims = claims_of(&c, Category::Refusal);
    assert_eq!(claims[0].claimant_id.as_deref(), Some("ua_prosecutor"));
}

#[test]
fn the_word_of_a_cue_is_no_adjective_of_the_media() {
    assert_eq!(
        claimant("За даними ЗМІ, у Бєлгородській області загинули двоє російських військових."),
        None
    );
    assert_eq!(
        claimant("За даними українських ЗМІ, у Бєлгородській області загинули двоє російських військових.")
            .as_deref(),
        Some("українських ЗМІ")
    );
}

#[test]
fn an_outlet_named_after_a_word_for_one_is_the_source() {
    for (text, want) in [
        (
            "По данным местного издания NGS, из части сбежали около 30 военнослужащих.",
            Some("NGS"),
        ),
        (
            "ВСУ потеряли до 300 военных, сообщает агентство Reuters.",
            Some("Reuters"),
        ),
        // A country after the word is whose outlets, not a name.
        (
            "Как пишут издания Украины, из части сбежали около 30 военнослужащих.",
            None,
        ),
    ] {
        let c = run(text);
        let got = c.claims.first().and_then(|x| x.claimant.clone());
        assert_eq!(got.as_deref(), want, "{text}");
    }
}

#[test]
fn an_outlet_told_before_the_verb_is_the_addressee_of_the_speaker_after_it() {
    let text = "Российские военные медики спасли украинского военного с критическими ранениями.\n\nОб этом РИА Новости рассказал начальник травматологического отделения одного из российских военных госпиталей.";
    assert_eq!(
        claimant(text).as_deref(),
        Some("начальник травматологического отделения одного из российских военных госпиталей")
    );
    // The outlet saying it itself, a clause after: the outlet.
    assert_eq!(
        claimant("ВСУ потеряли 300 военных, сообщило РИА Новости.").as_deref(),
        Some("РИА Новости")
    );
    // "Как сообщают …, …" tells what follows it, not the sentence before.
    let c = run(
        "Число ликвидированных ВСУшников превысило 50 человек. Как сообщают военные с места, за сутки было отражено две контратаки.",
    );
    assert_eq!(claims_of(&c, Category::Losses)[0].claimant, None);
}

#[test]
fn a_person_named_as_the_one_killed_does_not_tell_it() {
    assert_eq!(
        claimant(
            "Під Покровськом загинув командир роти 110-ї бригади Андрій Коваль, повідомили рідні."
        )
        .as_deref(),
        Some("рідні")
    );
}

#[test]
fn an_outlet_told_after_the_verb_or_after_told_is_the_addressee() {
    for (text, teller) in [
        (
            "В результате удара по пункту управления ВСУ уничтожены до 40 военнослужащих, \
             сообщил ТАСС источник в силовых структурах.",
            "источник в силовых структурах",
        ),
        (
            "Russian forces lost 14 armoured vehicles and at least 90 men on Saturday, a \
             spokesman for the brigade told Reuters.",
            "a spokesman for the brigade",
        ),
        (
            "Russian forces lost 14 armoured vehicles and at least 90 men on Saturday, a \
             spokesman for Ukraine's 131st Mechanised Brigade told the Kyiv Independent.",
            "a spokesman for Ukraine's 131st Mechanised Brigade",
        ),
    ] {
        assert_eq!(claimant(text).as_deref(), Some(teller), "{text}");
    }
    // With no speaker after it, the outlet after the verb tells it.
    assert_eq!(
        claimant("В результате удара уничтожены до 40 военнослужащих ВСУ, сообщил ТАСС.")
            .as_deref(),
        Some("ТАСС")
    );
}

#[test]
fn an_outlet_that_could_not_verify_the_claim_does_not_tell_it() {
    let text = "A Ukrainian Mi-8 helicopter was shot down near Kramatorsk and all three members \
                of its crew were killed, a spokesman for Russia's South group of forces said on \
                Thursday. Reuters could not independently verify the claim.";
    assert_eq!(
        claimant(text).as_deref(),
        Some("a spokesman for Russia's South group of forces")
    );
}

#[test]
fn a_governor_described_by_post_and_region_is_known_and_a_time_is_no_speaker() {
    let text = "Губернатор Брянской области сообщил о гибели в зоне СВО командира батальона \
                подполковника Сергея Ларина. В августе губернатор сообщал о гибели еще двух \
                офицеров из Брянской области.";
    let c = run(text);
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims[0].claimant_id.as_deref(), Some("governor_bryansk"));
    let later = claims[1].claimant.as_deref().unwrap_or("");
    assert!(!later.contains("августе"), "{later}");
    let c = run(
        "Унаслідок ракетного удару по Дніпру поранено трьох військовослужбовців, повідомив \
         голова Дніпропетровської ОВА.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(
        claims[0].claimant_id.as_deref(),
        Some("governor_dnipropetrovsk")
    );
}

#[test]
fn a_ranked_soldier_named_before_the_word_of_killing_does_not_tell_it() {
    let text = "Soldiers of a Russian assault company refused to continue an attack after their \
                commander, Captain Ruslan Tagirov, and six other servicemen were killed by \
                Ukrainian drones, Khortytsia group spokesman Andriy Myronenko said.";
    assert_eq!(claimant(text).as_deref(), Some("Andriy Myronenko"));
    let c = run(text);
    // The killed are no count of the refusers.
    assert!(claims_of(&c, Category::Refusal)[0].figures.is_empty());
    // One who says so is still the teller.
    assert_eq!(
        claimant("Colonel Ivan Petrov said that 20 Ukrainian soldiers were killed.").as_deref(),
        Some("Ivan Petrov")
    );
}

#[test]
fn an_institution_that_has_not_commented_tells_nothing() {
    for text in [
        "Drone operators killed a Russian colonel and two of his officers near Tokmak on 4 \
         September. Russia's Defence Ministry has not commented.",
        "Дроны уничтожили два российских танка под Токмаком. В Минобороны России это не \
         комментировали.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}");
        assert_eq!(claims[0].claimant_id, None, "{text}");
    }
}

#[test]
fn after_a_source_cue_the_description_is_in_the_genitive() {
    for (text, want) in [
        (
            "По данным разведки, противник потерял 20 человек.",
            "разведки",
        ),
        (
            "По данным украинских военных, Россия потеряла за сутки 40 танков.",
            "украинских военных",
        ),
        ("За даними розвідки, ворог втратив 20 осіб.", "розвідки"),
    ] {
        assert_eq!(claimant(text).as_deref(), Some(want), "{text}");
    }
}

#[test]
fn a_description_ends_where_a_gerund_of_saying_goes_on() {
    assert_eq!(
        claimant("Противник потерял 300 военных, сообщили в пресс-службе группировки, добавив, что бои продолжаются.")
            .as_deref(),
        Some("пресс-службе группировки")
    );
}

#[test]
fn milbloggers_lawyers_and_units_describe_a_speaker() {
    let text = "A prominent Russian milblogger claimed that drone operators destroyed a Ukrainian HIMARS launcher near Kupiansk.";
    assert_eq!(
        claimant(text).as_deref(),
        Some("A prominent Russian milblogger")
    );
    // One launcher named by what it launches counts one.
    let c = run(text);
    assert_eq!(
        super::figures_of(&c, Category::Losses),
        vec![(crate::model::Metric::Mlrs, 1)]
    );
    assert_eq!(
        claimant("A Ukrainian drone unit said it had destroyed a Russian Buk-M1 air defence system near Tokmak.")
            .as_deref(),
        Some("A Ukrainian drone unit")
    );
}
