//! What a post says once and its later sentences take for granted: the source named in the
//! lead, the side named once, a period or an incident told a sentence earlier; and what a name
//! in the wrong place is not (the target of a strike is no source); a role word standing for
//! a person named before; a spokesman introduced with his rank; "other losses" after soldiers
//! killed; an earlier report recalled ("як повідомлялося"); a speaker beside his verb.

use super::{claims_of, run};
use crate::classify::Category;
use crate::model::{Metric, Period, Qualifier, Side};

#[test]
fn the_source_named_in_the_lead_tells_the_rest_of_the_post() {
    let c = run(
        "Штурм продолжается на северной окраине города.\n\nПо данным Readovka, наступление идёт с двух сторон. Позиции переходят из рук в руки.\n\nКонтратака отбита, противник потерял до 40 военнослужащих.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].claimant.as_deref(), Some("Readovka"));
    // A lead that attributes nothing leaves the claim to the channel.
    let d = run(
        "Штурм продолжается на северной окраине города.\n\nНаступление идёт с двух сторон. Позиции переходят из рук в руки.\n\nКонтратака отбита, противник потерял до 40 военнослужащих.",
    );
    assert_eq!(claims_of(&d, Category::Losses)[0].claimant, None);
}

#[test]
fn a_side_named_once_holds_for_the_posts_other_losses() {
    let c = run(
        "Подразделения ВСУ потеряли на этом участке 60 военнослужащих. Во второй половине дня атака повторилась, уничтожено ещё 15 человек и два танка.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert!(!claims.is_empty());
    assert!(
        claims.iter().all(|x| x.side == Some(Side::Ukraine)),
        "{claims:?}"
    );
    // Two sides named: the unnamed one stays open.
    let d = run(
        "Подразделения ВСУ потеряли на этом участке 60 военнослужащих, российские войска потеряли 20 военнослужащих. Во второй половине дня уничтожено ещё два танка.",
    );
    let tanks = claims_of(&d, Category::Losses)
        .into_iter()
        .find(|x| x.figures.iter().any(|f| f.metric == Metric::Tanks))
        .expect("the tanks");
    assert_eq!(tanks.side, None, "{tanks:?}");
}

#[test]
fn a_period_or_an_incident_told_a_sentence_earlier_frames_the_count() {
    let c = run(
        "За сутки противник шесть раз пытался атаковать позиции у села. Все атаки отбиты. Украинские войска потеряли 35 военнослужащих.",
    );
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!((f.value, f.period), (35, Some(Period::Day)), "{f:?}");
    let d = run(
        "Диверсионная группа ВСУ попыталась прорваться через границу у села. Потери — девять боевиков убиты.",
    );
    let f = &claims_of(&d, Category::Losses)[0].figures[0];
    assert_eq!((f.value, f.period), (9, Some(Period::Event)), "{f:?}");
}

#[test]
fn people_destroyed_in_a_battle_are_soldiers() {
    let c = run("В ходе боёв за высоту около 70 человек было уничтожено.");
    let figures: Vec<_> = claims_of(&c, Category::Losses)
        .iter()
        .flat_map(|x| x.figures.iter().map(|f| (f.metric, f.value)))
        .collect();
    assert_eq!(figures, vec![(Metric::Personnel, 70)]);
    // Without a battle, people are not counted as soldiers.
    assert!(run("Около 70 человек было уничтожено.").claims.is_empty());
}

#[test]
fn other_losses_continue_the_soldiers_of_the_sentence_before() {
    let lead = "Russia's Defense Ministry said around 475 Ukrainian troops were killed in the Centre zone.";
    let rest = "Other losses were claimed in the South (275 killed) and the North (245 killed).";
    let c = run(&format!("{lead} {rest}"));
    let values: Vec<i64> = claims_of(&c, Category::Losses)
        .iter()
        .flat_map(|x| x.figures.iter().map(|f| f.value))
        .collect();
    assert_eq!(values, vec![475, 275, 245]);
    // Alone, "killed" may count anyone.
    assert!(claims_of(&run(rest), Category::Losses).is_empty());
}

#[test]
fn an_earlier_report_recalled_has_no_source_and_its_own_incident() {
    // The lead's source and period do not carry into a report the text recalls.
    let lead = "Генштаб ЗСУ: за один день росіяни втратили 15 танків.";
    let earlier = "Як повідомлялося, десантники в одному бою знищили 5 російських танків.";
    let c = run(&format!("{lead}\n{earlier}"));
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 2, "{claims:?}");
    let f = &claims[1].figures[0];
    assert_eq!((f.value, f.period), (5, Some(Period::Event)));
    assert_eq!(claims[1].claimant, None);
    let c = run(
        "Минобороны России сообщило об уничтожении 15 танков. Как сообщалось, под Курском ВСУ потеряли 300 военных.",
    );
    let claims = claims_of(&c, Category::Losses);
    let last = claims.last().expect("the recalled report is a claim");
    assert_eq!((&last.claimant_id, last.figures[0].value), (&None, 300));
}

#[test]
fn a_speaker_named_beside_his_verb_is_the_source_not_the_outlet_he_told() {
    for text in [
        "“Russian forces lost 30 soldiers in the assault,” said Ivan Petrov.",
        "“Russian forces lost 30 soldiers in the assault,” Ivan Petrov told The Moscow Times.",
        "«ВСУ потеряли 30 военных в этом бою», — рассказал Иван Петров изданию «Верстка».",
        "Ivan Petrov, a commander of the 47th brigade, told Reuters that Russian forces lost 30 soldiers.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        let name = claims[0].claimant.as_deref().unwrap_or("");
        assert!(
            name == "Ivan Petrov" || name == "Иван Петров",
            "{text}: {name}"
        );
    }
    // A call sign after a role names the speaker too.
    let c = run("Как рассказал SHOT командир взвода с позывным Таксист, ВСУ потеряли 20 военных.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims[0].claimant.as_deref(), Some("Таксист"));
    // The role may name his unit at length before the call sign.
    let c = run(
        "Об этом рассказал командир группы отдельной бригады специального назначения \
         ЮВО с позывным «Варяг»: ВСУ потеряли 20 военных.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims[0].claimant.as_deref(), Some("Варяг"));
    // A side's adjective before a noun is no name; the two describe a speaker.
    let c = run("Russian Forces said Ukraine lost 30 soldiers in the assault.");
    assert_eq!(
        claims_of(&c, Category::Losses)[0].claimant.as_deref(),
        Some("Russian Forces")
    );
}

#[test]
fn the_dead_of_a_whole_war_are_a_running_total() {
    let c = run("Ранее президент говорил, что на фронте погибли 43 тысячи украинских военных.");
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!((f.metric, f.value), (Metric::Killed, 43_000));
    assert_eq!(f.period, Some(Period::Total));
}

#[test]
fn every_day_is_a_daily_figure() {
    let c = run("Каждый день в среднем погибают 120 российских военных, подсчитали журналисты.");
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!((f.value, f.period), (120, Some(Period::Day)), "{f:?}");
}

#[test]
fn the_target_of_a_strike_is_not_its_source() {
    let c = run(
        "«В результате ракетного удара по штабу подразделения ГУР в Харькове уничтожено до 30 военнослужащих», добавили в Минобороны России.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].claimant_id.as_deref(), Some("ru_mod"));
}

#[test]
fn names_in_a_list_of_the_dead_count_the_dead() {
    let c = run(
        "Журналисты третий год ведут поименный список российских военных, погибших на войне.\n\nСейчас в этом списке более 90 тысяч имен.",
    );
    let f = &claims_of(&c, Category::Losses)[0].figures[0];
    assert_eq!((f.metric, f.value), (Metric::Killed, 90_000));
    assert_eq!(f.period, Some(Period::Total));
    assert_eq!(claims_of(&c, Category::Losses)[0].side, Some(Side::Russia));
    // Names of anything else count nothing.
    assert!(
        run("В базе избирателей более 90 тысяч имен.")
            .claims
            .is_empty()
    );
}

#[test]
fn a_loss_a_command_reports_without_a_side_is_the_enemys() {
    for (text, side) in [
        (
            "Генштаб ВСУ сообщил, что под Купянском был уничтожен танк.",
            Side::Russia,
        ),
        (
            "Минобороны России сообщило, что под Курском уничтожен танк.",
            Side::Ukraine,
        ),
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        assert_eq!(claims[0].side, Some(side), "{text}");
    }
}

#[test]
fn a_place_behind_the_lines_and_a_strikes_other_counts_frame_an_incident() {
    let c = run("В Севастополе взорвался автомобиль, в результате чего погиб офицер флота.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].side, Some(Side::Russia));
    assert_eq!(claims[0].figures[0].period, Some(Period::Event));
    let c = run(
        "Российские войска уничтожили два танка под Работино, противник потерял до 40 военнослужащих.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    let periods: Vec<_> = claims[0].figures.iter().map(|f| f.period).collect();
    assert_eq!(periods, vec![Some(Period::Event); 2], "{claims:?}");
}

#[test]
fn a_study_that_showed_a_figure_is_its_authors_claim() {
    // "показало" attributes the finding to the outlet that made the study, not to the source
    // quoted a paragraph earlier.
    let c = run(
        "Источник в НАТО оценил потери России в 1500 человек в день.\n\nИсследование, которое Би-би-си ведет совместно с «Медиазоной», показало, что в октябре было около 150 смертей российских военных в сутки.",
    );
    let claims = claims_of(&c, Category::Losses);
    let study = claims
        .iter()
        .find(|x| x.figures.iter().any(|f| f.value == 150))
        .expect("the study's figure");
    assert_eq!(
        study.claimant_id.as_deref(),
        Some("bbc_russian"),
        "{claims:?}"
    );
}

#[test]
fn a_role_a_source_cue_opens_stands_for_the_person_introduced_with_it() {
    // "за словами президента" with no name after it: the president named a few sentences
    // before. Another role ("министр") is nobody's.
    for text in [
        "Президент Володимир Зеленський виступив на форумі у Києві. За словами президента, втрати росіян загиблими становлять 95 000.",
        "Президент Владимир Зеленский выступил на форуме. По словам президента, потери россиян убитыми составляют 95 000.",
        "President Volodymyr Zelensky spoke at a forum in Kyiv. According to the president, Russia has lost 95,000 troops.",
    ] {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        assert_eq!(claims[0].claimant_id.as_deref(), Some("zelensky"), "{text}");
    }
    let c = run(
        "Министр обороны Андрей Белоусов выступил. По словам президента, потери ВСУ составили 95 000 военнослужащих.",
    );
    assert_eq!(claims_of(&c, Category::Losses)[0].claimant, None);
}

#[test]
fn a_spokesman_introduced_with_his_rank_speaks_for_his_institution() {
    let c = run(
        "Про це розповів речник Генерального штабу Збройних сил України старший лейтенант Андрій Ковальов. \"Загальні втрати окупантів орієнтовно становлять 412 400 осіб\", – додав Ковальов.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].claimant_id.as_deref(), Some("ua_general_staff"));
    // The hedge before the link verb hedges the figure.
    assert_eq!(claims[0].figures[0].qualifier, Some(Qualifier::About));
}

#[test]
fn a_country_speaking_is_its_institution_named_around_it_or_itself() {
    let cases = [
        (
            "Russia has claimed that its forces killed 1,400 Ukrainian soldiers within a 24-hour period.",
            "ru_state",
            Side::Ukraine,
        ),
        (
            "Киев заявил, что российская армия за сутки потеряла 1100 военных.",
            "ua_state",
            Side::Russia,
        ),
        (
            "Україна заявила, що росіяни за добу втратили 1100 військових.",
            "ua_state",
            Side::Russia,
        ),
        (
            "Russia has claimed that its forces killed 1,400 Ukrainian soldiers within a 24-hour period. The announcement came as part of the Russian Defense Ministry’s daily briefing.",
            "ru_mod",
            Side::Ukraine,
        ),
        (
            "The Ukrainian General Staff stated that Russian forces had suffered 1,100 fatalities over the past day. Ukraine claims to have destroyed 10,881 Russian tanks since February 2022.",
            "ua_general_staff",
            Side::Russia,
        ),
    ];
    for (text, id, side) in cases {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert!(!claims.is_empty(), "{text}");
        for claim in claims {
            assert_eq!(claim.claimant_id.as_deref(), Some(id), "{text}\n{claim:?}");
            assert_eq!(claim.side, Some(side), "{text}");
        }
    }
    // A country speaking in the headline is no source for the body.
    let c = run(
        "Russia says West pushing Ukraine to fight on\nRussia is assaulting cities in a new phase of the war after losing about 25% of the combat power it sent into Ukraine.",
    );
    assert!(c.categories.is_empty(), "{:?}", c.claims);
    // Where the country is whose soldiers, not who speaks, it stays a side.
    let c = run("Russia lost 1,100 troops over the past day, Ukraine's General Staff says.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims[0].claimant_id.as_deref(), Some("ua_general_staff"));
    assert_eq!(claims[0].side, Some(Side::Russia));
}

#[test]
fn a_figure_without_a_period_of_its_own_counts_over_its_claims() {
    let c = run(
        "Ukraine's General Staff says Russia has lost 990,800 troops and 10,881 tanks since the invasion began. Other assets lost by Russia include 1,402 multiple launch rocket systems and 384 aircraft.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims.len(), 1, "{claims:?}");
    let periods: Vec<_> = claims[0]
        .figures
        .iter()
        .map(|f| (f.value, f.period))
        .collect();
    assert_eq!(
        periods,
        vec![
            (990_800, Some(Period::Total)),
            (10_881, Some(Period::Total)),
            (1_402, Some(Period::Total)),
            (384, Some(Period::Total)),
        ]
    );
}

#[test]
fn the_same_period_is_the_period_of_the_figure_before() {
    let cases = [
        (
            "Russia claimed its forces killed 1,400 Ukrainian soldiers over the past day. Ukraine's General Staff said Russian forces had suffered around 1,100 fatalities over the same period.",
            Period::Day,
        ),
        (
            "Минобороны России сообщило, что за неделю ВСУ потеряли 9400 военных. Генштаб ВСУ заявил, что за тот же период российская армия потеряла 8100 военных.",
            Period::Week,
        ),
        (
            "Since the start of the invasion Russia has lost 700,000 troops, Ukraine says. Over the same period Ukraine lost 43,000 soldiers, Zelensky said.",
            Period::Total,
        ),
    ];
    for (text, period) in cases {
        let c = run(text);
        let claims = claims_of(&c, Category::Losses);
        assert_eq!(claims.len(), 2, "{text}\n{claims:?}");
        assert_eq!(claims[1].figures[0].period, Some(period), "{text}");
    }
}

#[test]
fn an_institution_named_before_a_paragraph_break_tells_the_figures_only_as_a_source() {
    let c = run("Про це повідомляє Генштаб ЗСУ.\n\nЗа добу росіяни втратили 1 230 військових.");
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims[0].claimant_id.as_deref(), Some("ua_general_staff"));
    let c = run(
        "Бои идут в Курской области. ВС РФ наступают. Ситуация сложная.\n\nГенштаб ВСУ \
         продолжает перебрасывать на Курщину резервы.\n\nТолько за эту ночь ВСУ потеряли 41 \
         человека убитыми.",
    );
    let claims = claims_of(&c, Category::Losses);
    assert_eq!(claims[0].claimant, None, "{claims:?}");
}
