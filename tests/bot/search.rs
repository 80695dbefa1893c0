//! /search: ranking, five a page with ◀ ▶ editing the message, inflected forms, windows,
//! empty and huge input (/recent is in `recent.rs`).

use crate::seed;
use crate::support::bot_harness::BotHarness;
use crate::support::t0;
use chrono::Duration;
use claimwatch::i18n::texts;
use claimwatch::model::Lang;

fn buttons(markup: &serde_json::Value) -> Vec<String> {
    markup["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().unwrap().clone())
        .map(|b| b["callback_data"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn search_pages_through_results_with_buttons() {
    let h = BotHarness::start().await;
    let store = h.db.store.as_ref();
    let src = seed::source(store, "https://pskov.example/rss", "Pskovskaya Guberniya").await;
    for i in 0..12 {
        let text = format!("Военные части {i} отказались выполнять приказ под Псковом");
        let at = t0() - Duration::hours(i64::from(i) + 1);
        seed::claim_at(
            store,
            src,
            &text,
            seed::refusal(&format!("Claimant {i}"), None, 60),
            at,
        )
        .await;
    }
    seed::claim_at(
        store,
        src,
        "Russia has lost 1,251 tanks",
        seed::losses("General Staff"),
        t0() - Duration::hours(1),
    )
    .await;

    let chat = 601;
    let first = h.say(chat, chat, "en", "/search отказ", 1).await.remove(0);
    assert!(
        first
            .text
            .contains("<b>12</b> claims for «отказ» in the last 30 days · page 1/3"),
        "{}",
        first.text
    );
    assert_eq!(first.text.matches(".</b> <b>Claimant ").count(), 5);
    assert!(first.text.contains("<b>1.</b>") && first.text.contains("<b>5.</b>"));
    // All equally relevant: newest first.
    assert!(first.text.find("Claimant 0").unwrap() < first.text.find("Claimant 1").unwrap());
    let markup = first.reply_markup.clone().unwrap();
    let data = buttons(&markup);
    assert_eq!(data.len(), 2, "{data:?}: page counter and ▶ only");
    assert_eq!(data[0], "noop");
    assert!(data[1].starts_with("p:") && data[1].ends_with(":1"));

    h.press(chat, chat, first.message_id, &data[1]).await;
    let page2 = h.edits().pop().unwrap();
    assert_eq!(page2.params["message_id"], first.message_id);
    let text2 = page2.params["text"].as_str().unwrap();
    assert!(
        text2.contains("page 2/3") && text2.contains("<b>6.</b>"),
        "{text2}"
    );
    let data2 = buttons(&page2.params["reply_markup"]);
    assert_eq!(data2.len(), 3, "◀ n/N ▶");
    h.press(chat, chat, first.message_id, &data2[2]).await;
    let page3 = h.edits().pop().unwrap();
    let text3 = page3.params["text"].as_str().unwrap();
    assert!(
        text3.contains("page 3/3") && text3.contains("<b>12.</b>"),
        "{text3}"
    );
    assert_eq!(text3.matches(".</b> <b>Claimant ").count(), 2);
    let data3 = buttons(&page3.params["reply_markup"]);
    assert_eq!(data3.len(), 2, "◀ and the counter on the last page");
    h.press(chat, chat, first.message_id, &data3[0]).await;
    assert!(
        h.edits().pop().unwrap().params["text"]
            .as_str()
            .unwrap()
            .contains("page 2/3")
    );

    // Another chat cannot page this chat's search.
    let answer = h.press(602, 602, first.message_id, &data[1]).await;
    assert_eq!(answer["text"], texts(Lang::En).bot.search_expired);
    // Unknown session.
    let answer = h.press(chat, chat, first.message_id, "p:1:1").await;
    assert_eq!(answer["text"], texts(Lang::En).bot.search_expired);
    h.stop().await;
}

#[tokio::test]
async fn inflected_forms_match_in_three_languages() {
    let h = BotHarness::start().await;
    let store = h.db.store.as_ref();
    let src = seed::source(store, "https://a.example/rss", "ASTRA").await;
    let at = t0() - Duration::hours(2);
    seed::claim_at(
        store,
        src,
        "Около 60 десантников отказались ехать на войну",
        seed::refusal("ASTRA", None, 60),
        at,
    )
    .await;
    seed::claim_at(
        store,
        src,
        "Бійці відмовилися виконувати наказ командира",
        seed::refusal("ДПСУ", None, 12),
        at,
    )
    .await;
    seed::claim_at(
        store,
        src,
        "Russia has lost 1,251 tanks since February",
        seed::losses("General Staff"),
        at,
    )
    .await;
    for (query, expect) in [
        (
            "отказ",
            "<b>ASTRA</b> says 60 Russian soldiers refused orders",
        ),
        (
            "відмова",
            "<b>ДПСУ</b> says 12 Russian soldiers refused orders",
        ),
        ("tank", "<b>General Staff</b> claims"),
    ] {
        let reply = h.ask(603, "en", &format!("/search {query}")).await;
        assert!(reply.contains("<b>1</b> claim for"), "{query}: {reply}");
        assert!(reply.contains(expect), "{query}: {reply}");
    }
    h.stop().await;
}

#[tokio::test]
async fn a_hit_shows_claimant_date_unit_figures_and_source_links() {
    let h = BotHarness::start().await;
    let store = h.db.store.as_ref();
    let src = seed::source(store, "https://pskov.example/rss", "Pskovskaya <Guberniya>").await;
    let at = t0() - Duration::hours(3);
    seed::claim_at(
        store,
        src,
        "Десантники 76-й дивизии отказались",
        seed::refusal(
            "Местный канал <script>",
            Some("76-я десантно-штурмовая дивизия"),
            60,
        ),
        at,
    )
    .await;
    seed::claim_at(
        store,
        src,
        "Russia has lost about 28 300 troops",
        seed::losses("General Staff of the AFU"),
        at,
    )
    .await;
    let reply = h.ask(604, "uk", "/search дивизия").await;
    // One claim line in the reader's language: claimant as written (escaped), the count,
    // the unit as written, the place in the nominative.
    assert!(
        reply.contains(
            "<b>1.</b> <b>Местный канал &lt;script&gt;</b> повідомляє: 60 військових ЗС РФ («76-я десантно-штурмовая дивизия») відмовилися виконувати наказ (Псков)\n"
        ),
        "{reply}"
    );
    assert!(
        reply.contains("сб, 21 лист., 06:00 · 1 джерело: <a href=\"https://news.example/"),
        "Kyiv time: {reply}"
    );
    assert!(
        reply.contains(">Десантники 76-й дивизии отказались</a> (Pskovskaya &lt;Guberniya&gt;)"),
        "{reply}"
    );
    let reply = h.ask(604, "en", "/search troops").await;
    assert!(
        reply.contains("<b>Ukraine's General Staff</b> claims Russian losses of 28,300 troops (+150) and 1,251 tanks (+3) in total"),
        "{reply}"
    );
    h.stop().await;
}

#[tokio::test]
async fn windows_empty_and_huge_queries() {
    let h = BotHarness::start().await;
    let store = h.db.store.as_ref();
    let src = seed::source(store, "https://a.example/rss", "A").await;
    seed::claim_at(
        store,
        src,
        "Дезертиров задержали под Курском",
        seed::refusal("A", None, 5),
        t0() - Duration::days(10),
    )
    .await;
    let t = &texts(Lang::En).bot;
    assert!(
        h.ask(605, "en", "/search 7d дезертир")
            .await
            .starts_with("🔎 Nothing found")
    );
    assert!(
        h.ask(605, "en", "/search 14d дезертир")
            .await
            .contains("<b>1</b> claim for")
    );
    assert!(
        h.ask(605, "en", "/search дезертир")
            .await
            .contains("in the last 30 days")
    );
    assert_eq!(
        h.ask(605, "en", "/search 0d дезертир").await,
        t.search_bad_window
    );
    assert_eq!(
        h.ask(605, "en", "/search 400d дезертир").await,
        t.search_bad_window
    );
    let usage = h.ask(605, "en", "/search").await;
    assert!(
        usage.contains("/search 7d tanks") && usage.contains("30 days"),
        "{usage}"
    );
    assert_eq!(h.ask(605, "en", "/search 7d").await, usage);
    assert_eq!(h.ask(605, "en", "/search !!! ...").await, usage);
    let huge = h
        .ask(605, "en", &format!("/search {}", "отказ ".repeat(1000)))
        .await;
    assert!(huge.contains("at most 200 characters"), "{huge}");
    h.stop().await;
}

#[tokio::test]
async fn a_query_longer_than_callback_data_still_pages() {
    let h = BotHarness::start().await;
    let store = h.db.store.as_ref();
    let src = seed::source(store, "https://a.example/rss", "A").await;
    let text = "Военнослужащие мотострелковой бригады отказались идти в наступление под Бахмутом";
    // Seven reports with seven counts: seven claims (one claim told seven times would be
    // shown once).
    for i in 0..7 {
        seed::claim_at(
            store,
            src,
            &format!("{text} {i}"),
            seed::refusal("A", None, 10 + i),
            t0() - Duration::hours(i + 1),
        )
        .await;
    }
    let query = "военнослужащие мотострелковой бригады отказались наступление Бахмутом";
    assert!(query.len() > 64);
    let first = h
        .say(606, 606, "ru", &format!("/search {query}"), 1)
        .await
        .remove(0);
    assert!(first.text.contains("<b>7</b> заявлений"), "{}", first.text);
    let next = buttons(first.reply_markup.as_ref().unwrap()).pop().unwrap();
    assert!(next.len() <= 64);
    h.press(606, 606, first.message_id, &next).await;
    assert!(
        h.edits().pop().unwrap().params["text"]
            .as_str()
            .unwrap()
            .contains("страница 2/2")
    );
    h.stop().await;
}
