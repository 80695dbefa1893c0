//! Golden entries in English, Ukrainian and Russian (`tests/digest/golden/*.html`): a refusal,
//! the General Staff's totals block, the defence ministry's daily series, a third party's
//! estimate with a range, an unknown claimant, and a place not in the gazetteer. Each is valid
//! Telegram HTML and its plain form has no markup. `UPDATE_GOLDEN=1` rewrites the files after
//! a deliberate change of wording (read the diff before committing it).

use chrono::{NaiveDate, TimeZone, Utc};
use claimwatch::digest::losses::TotalsReport;
use claimwatch::digest::series_block::{SeriesBlock, SeriesPart};
use claimwatch::entry::{self, EntryInput, Style, blocks, plain::to_plain};
use claimwatch::model::{
    Category, Claim, Figure, Lang, Metric, Period, Qualifier, Side, SourceRef,
};
use claimwatch::tz::ChatTz;

pub fn source(id: i64, name: &str) -> SourceRef {
    SourceRef {
        source_id: id,
        source_name: name.into(),
        item_id: 100 + id,
        url: Some(format!("https://t.me/c/{id}/{}", 100 + id)),
        published_at: Utc.with_ymd_and_hms(2024, 12, 3, 9, 0, 0).unwrap(),
    }
}

pub fn claim(category: Category, claimant: Option<&str>, side: Option<Side>) -> Claim {
    Claim {
        category,
        claimant: claimant.map(str::to_owned),
        claimant_id: None,
        side,
        unit: None,
        location: None,
        figures: Vec::new(),
        evidence: Vec::new(),
        other_conflict: false,
    }
}

pub fn figure(metric: Metric, value: i64, q: Option<Qualifier>, period: Option<Period>) -> Figure {
    Figure {
        qualifier: q,
        ..Figure::new(metric, value).with_period(period)
    }
}

pub fn render(claim: &Claim, title: &str, sources: &[SourceRef], lang: Lang) -> String {
    let tz: ChatTz = "Europe/Kyiv".parse().unwrap();
    let input = EntryInput {
        claim: Some(claim),
        category: claim.category,
        title,
        sources: sources.iter().collect(),
        when: None,
        others: Vec::new(),
    };
    let style = Style {
        lang,
        tz: &tz,
        marker: "•".into(),
        sources_shown: 3,
        evidence: false,
    };
    entry::render(&input, &style)
}

fn refusal(lang: Lang) -> String {
    let mut c = claim(
        Category::Refusal,
        Some("Defence Intelligence of Ukraine"),
        Some(Side::Russia),
    );
    c.claimant_id = Some("ua_defence_intelligence".into());
    c.unit = Some("71st Guards Motorized Rifle Regiment".into());
    c.location = Some("near Robotyne".into());
    c.figures = vec![figure(Metric::Refusers, 40, Some(Qualifier::About), None)];
    let title = "❗️**Russian soldiers refused to storm positions near Robotyne, HUR says**";
    render(
        &c,
        title,
        &[source(1, "Kyiv Wire"), source(2, "Dnipro Herald")],
        lang,
    )
}

fn totals(lang: Lang) -> String {
    let f = |m, v| Figure {
        cumulative: Some(true),
        ..Figure::new(m, v)
    };
    let report = TotalsReport {
        story_id: 1,
        figures: vec![
            (f(Metric::Personnel, 1_152_340), Some(1_230)),
            (f(Metric::Tanks, 11_214), Some(5)),
            (f(Metric::Apc, 23_350), Some(9)),
            (f(Metric::Artillery, 34_120), Some(41)),
        ],
        url: Some("https://t.me/GeneralStaffZSU/20000".into()),
        notes: Vec::new(),
        claimed_at: Utc.with_ymd_and_hms(2024, 12, 3, 7, 0, 0).unwrap(),
    };
    blocks::totals(&report, lang)
}

fn series(lang: Lang) -> String {
    let day = |v, q| figure(Metric::Personnel, v, q, Some(Period::Day));
    let part = |scope: Option<&str>, figures, n: i64| SeriesPart {
        scope: scope.map(str::to_owned),
        figures,
        url: Some(format!("https://t.me/mod_russia/{n}")),
    };
    let block = SeriesBlock {
        claimant_id: "ru_mod".into(),
        side: Some(Side::Ukraine),
        day: NaiveDate::from_ymd_opt(2024, 12, 3).unwrap(),
        parts: vec![
            part(None, vec![day(1_515, Some(Qualifier::UpTo))], 1),
            part(
                Some("курском направлении"),
                vec![
                    day(300, Some(Qualifier::UpTo)),
                    figure(Metric::Tanks, 2, None, Some(Period::Day)),
                ],
                2,
            ),
            part(
                Some("группировки войск \"Запад\""),
                vec![day(480, Some(Qualifier::UpTo))],
                3,
            ),
        ],
        story_ids: vec![1, 2, 3],
    };
    blocks::series(&block, lang)
}

fn estimate(lang: Lang) -> String {
    let mut c = claim(
        Category::Losses,
        Some("Британская военная разведка"),
        Some(Side::Russia),
    );
    let mut f = figure(
        Metric::Killed,
        100_000,
        Some(Qualifier::About),
        Some(Period::Total),
    );
    f.low = Some(60_000);
    f.high = Some(100_000);
    c.figures = vec![f];
    let title = "Британская разведка оценила потери России в 60–100 тысяч погибших";
    render(&c, title, &[source(3, "BBC News | Русская служба")], lang)
}

fn unknown_claimant(lang: Lang) -> String {
    let mut c = claim(
        Category::Refusal,
        Some("источник в СБУ"),
        Some(Side::Russia),
    );
    c.location = Some("Курской области".into());
    c.figures = vec![figure(Metric::Deserters, 12, None, Some(Period::Week))];
    render(
        &c,
        "Источник: 12 военных РФ сбежали из части за неделю",
        &[source(4, "Топор+")],
        lang,
    )
}

fn unknown_place(lang: Lang) -> String {
    let mut c = claim(Category::Losses, None, Some(Side::Ukraine));
    c.location = Some("Ахтырском районе Сумской области".into());
    c.unit = Some("47-й ОМБр".into());
    c.figures = vec![
        figure(
            Metric::Personnel,
            180,
            Some(Qualifier::About),
            Some(Period::Event),
        ),
        figure(Metric::Tanks, 1, None, Some(Period::Event)),
        figure(Metric::Apc, 3, None, Some(Period::Event)),
        figure(Metric::Uav, 12, None, Some(Period::Event)),
    ];
    render(
        &c,
        "⚡️__Около 180 военных ВСУ ликвидировано__ https://t.me/x/1",
        &[source(5, "Mash")],
        lang,
    )
}

/// One golden case: its name and how it renders in a language.
type Case = (&'static str, fn(Lang) -> String);

/// Every case of one language, as the golden file holds them.
pub fn cases(lang: Lang) -> String {
    let all: [Case; 6] = [
        ("refusal", refusal),
        ("general staff totals", totals),
        ("ministry daily series", series),
        ("third-party estimate with a range", estimate),
        ("unknown claimant", unknown_claimant),
        ("place not in the gazetteer", unknown_place),
    ];
    all.iter()
        .map(|(name, f)| format!("── {name} ──\n{}\n", f(lang)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn entries_match_the_golden_files_in_three_languages() {
    for lang in [Lang::En, Lang::Uk, Lang::Ru] {
        let got = cases(lang);
        for block in got.split("── ").filter(|b| !b.is_empty()) {
            let html = block.split_once('\n').map_or("", |(_, h)| h);
            crate::assert_valid_parts(&[html.to_owned()]);
            let plain = to_plain(html);
            assert!(!plain.contains("</") && !plain.contains("&amp;"), "{plain}");
        }
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/digest/golden/{lang}.html"));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&path, &got).unwrap();
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            got,
            want,
            "{lang}: rendered entries differ from {}",
            path.display()
        );
    }
}
