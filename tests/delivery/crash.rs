//! Crash-restart: the real binary fans a digest out to the fake Bot API and is SIGKILLed three
//! times — while a send is in flight, between Telegram's answer and the `sent` mark, and
//! between two sends — and restarted each time. Every subscriber gets every part; each kill
//! costs at most one repeat, marked. With `delivery.in_doubt = "skip"` nothing is repeated and
//! the message in flight is left in doubt.

use crate::seed;
use crate::support::bot_api::{FakeBotApi, TOKEN};
use chrono::{Duration, Utc};
use claimwatch::model::Lang;
use claimwatch::store::{self, OutboxState};
use sqlx::Connection;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration as StdDuration;
use tokio::process::{Child, Command};

const CHATS: [i64; 6] = [11, 12, 13, 14, 15, 16];

struct Setup {
    _dir: tempfile::TempDir,
    config: PathBuf,
    url: String,
}

/// A database with six subscribers and enough stories for a digest of several messages.
async fn prepare() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let url = format!("sqlite://{}", db.display());
    let store = store::open(&url).await.unwrap();
    let s = store.as_ref();
    let now = Utc::now();
    let sources = [
        seed::source(s, "Ukrinform").await,
        seed::source(s, "Meduza").await,
    ];
    let filler =
        "soldiers refused to advance and demanded to be sent back to their base ".repeat(4);
    for i in 0..30 {
        let claim = seed::refusal(
            Some(seed::DIU),
            Some("a motorized rifle regiment"),
            Some("Zaporizhzhia"),
            Some(i),
        );
        seed::story(
            s,
            &sources,
            &format!("Report {i}: {filler}"),
            &[claim],
            now - Duration::minutes(200 - i),
        )
        .await;
    }
    for chat in CHATS {
        seed::subscriber(
            s,
            chat,
            "Europe/Kyiv",
            (9, 0),
            Lang::En,
            now - Duration::days(1),
        )
        .await;
    }
    store.close().await;
    let config = dir.path().join("claimwatch.toml");
    std::fs::write(&config, format!("database_url = \"{url}\"\n")).unwrap();
    Setup {
        _dir: dir,
        config,
        url,
    }
}

fn claimwatch(setup: &Setup, api: &FakeBotApi, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimwatch"));
    cmd.arg("--config").arg(&setup.config).args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("CLAIMWATCH_") || k.starts_with("TELOXIDE_") {
            cmd.env_remove(k);
        }
    }
    cmd.env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", api.url())
        .env("RUST_LOG", "warn")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    cmd
}

async fn kill(mut child: Child) {
    child.kill().await.unwrap();
    let status = child.wait().await.unwrap();
    assert_eq!(status.signal(), Some(9), "killed by SIGKILL: {status:?}");
}

/// Runs to completion and returns stdout.
async fn finish(mut cmd: Command) -> String {
    let out = tokio::time::timeout(StdDuration::from_secs(120), cmd.output())
        .await
        .expect("the restart finishes")
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stdout}\n{stderr}");
    eprintln!("restart output:\n{stdout}\n{stderr}");
    assert!(
        !stdout.contains(TOKEN) && !stderr.contains(TOKEN),
        "the token leaked"
    );
    stdout
}

/// What the subscribers received, checked against the outbox.
struct Received {
    /// Messages sent again after a crash (each carried the marker).
    marked: usize,
    /// Rows left in doubt (never resent).
    in_doubt: usize,
}

/// Every subscriber received each part of its digest, in order, exactly once unmarked; every
/// marked repeat comes right after the part it repeats.
async fn assert_every_part_arrived(setup: &Setup, api: &FakeBotApi) -> Received {
    let marker = format!(
        "<i>{}</i>\n\n",
        claimwatch::i18n::texts(Lang::En).bot.resent_marker
    );
    let store = store::open(&setup.url).await.unwrap();
    let (mut marked, mut in_doubt, mut total) = (0, 0, 0);
    for chat in CHATS {
        let sub = store.subscriber(chat).await.unwrap().unwrap();
        let rows = store.outbox_of(sub.id).await.unwrap();
        assert!(rows.len() >= 2, "chat {chat}: a digest of several messages");
        assert!(
            rows.iter().all(|r| r.period == "manual:crash-test"),
            "one digest per chat"
        );
        let bodies: Vec<&str> = rows.iter().map(|r| r.body.as_str()).collect();
        let received: Vec<String> = api.sent_to(chat).into_iter().map(|m| m.text).collect();
        let mut plain: Vec<&str> = Vec::new();
        for text in &received {
            match text.strip_prefix(&marker) {
                Some(body) => {
                    assert_eq!(
                        plain.last(),
                        Some(&body),
                        "chat {chat}: a repeat follows its part"
                    );
                    marked += 1;
                }
                None => plain.push(text),
            }
        }
        assert_eq!(
            plain, bodies,
            "chat {chat}: every part once unmarked, in order"
        );
        for r in &rows {
            match r.state {
                OutboxState::Sent => {}
                OutboxState::InDoubt => in_doubt += 1,
                other => panic!("chat {chat}: a row left {other}"),
            }
        }
        total += rows.len();
    }
    assert_eq!(api.sent().len(), total + marked, "nothing else was sent");
    let resent: i64 = {
        let mut n = 0;
        for chat in CHATS {
            let sub = store.subscriber(chat).await.unwrap().unwrap();
            n += store
                .outbox_of(sub.id)
                .await
                .unwrap()
                .iter()
                .map(|r| r.resends)
                .sum::<i64>();
        }
        n
    };
    assert_eq!(resent as usize, marked, "each repeat is a counted resend");
    store.close().await;
    Received { marked, in_doubt }
}

/// Waits until the fake Bot API has received `n` messages in all.
async fn wait_received(api: &FakeBotApi, n: usize) {
    let got = api
        .wait_until(StdDuration::from_secs(60), |_| api.sent().len() >= n)
        .await;
    assert!(got, "{n} messages received (got {})", api.sent().len());
    // Let a held request reach its wait for the release.
    tokio::time::sleep(StdDuration::from_millis(300)).await;
}

const SEND_NOW: [&str; 4] = ["digest", "--send-now", "--period", "crash-test"];

/// Kill 1: the fifth send is held in flight. Returns the messages received.
async fn kill_in_flight(setup: &Setup, api: &FakeBotApi) -> usize {
    api.hold_send(5);
    let child = claimwatch(setup, api, &SEND_NOW, &[]).spawn().unwrap();
    wait_received(api, 5).await;
    kill(child).await;
    api.release_held();
    assert_eq!(
        api.sent().len(),
        5,
        "the held message arrived before the kill"
    );
    5
}

/// Kill 2: the third send of a restart is answered while the test holds SQLite's write lock,
/// so the process is stuck writing the answer when it is killed.
async fn kill_after_answer(setup: &Setup, api: &FakeBotApi, before: usize) -> usize {
    api.hold_send(3);
    let child = claimwatch(setup, api, &["digest", "--deliver"], &[])
        .spawn()
        .unwrap();
    wait_received(api, before + 3).await;
    let mut lock = sqlx::SqliteConnection::connect(&setup.url).await.unwrap();
    sqlx::raw_sql("BEGIN IMMEDIATE")
        .execute(&mut lock)
        .await
        .unwrap();
    let answered = api.calls_of("sendMessage").len() + 1;
    api.release_held();
    assert!(
        api.wait_for("sendMessage", answered, StdDuration::from_secs(10))
            .await,
        "the held send was answered"
    );
    tokio::time::sleep(StdDuration::from_millis(500)).await;
    kill(child).await;
    sqlx::raw_sql("ROLLBACK").execute(&mut lock).await.unwrap();
    lock.close().await.unwrap();
    let held = api.sent().pop().unwrap();
    let store = store::open(&setup.url).await.unwrap();
    let sub = store.subscriber(held.chat_id).await.unwrap().unwrap();
    let rows = store.outbox_of(sub.id).await.unwrap();
    store.close().await;
    let row = rows.iter().find(|r| held.text.ends_with(&r.body)).unwrap();
    assert_eq!(
        (row.state, row.telegram_message_id),
        (OutboxState::Sending, None),
        "killed after the answer, before the sent mark"
    );
    before + 3
}

/// Kill 3: at one message a second, the process waits for its next slot.
async fn kill_between_sends(setup: &Setup, api: &FakeBotApi, before: usize) {
    let slow = [("CLAIMWATCH_DELIVERY__GLOBAL_PER_SECOND", "1")];
    let child = claimwatch(setup, api, &["digest", "--deliver"], &slow)
        .spawn()
        .unwrap();
    wait_received(api, before + 2).await;
    kill(child).await;
    assert_eq!(api.sent().len(), before + 2, "killed between sends");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_three_times_every_part_arrives_with_at_most_one_marked_repeat_per_kill() {
    let setup = prepare().await;
    let api = FakeBotApi::start().await;
    let received = kill_in_flight(&setup, &api).await;
    let received = kill_after_answer(&setup, &api, received).await;
    kill_between_sends(&setup, &api, received).await;
    // The same --send-now resumes: nothing is enqueued twice, nothing was in flight.
    let out = finish(claimwatch(&setup, &api, &SEND_NOW, &[])).await;
    assert!(
        out.contains("enqueued 0 digest(s)") && out.contains("6 already enqueued"),
        "{out}"
    );
    assert!(!out.contains("in flight"), "{out}");
    let got = assert_every_part_arrived(&setup, &api).await;
    assert_eq!(
        (got.marked, got.in_doubt),
        (2, 0),
        "one marked repeat for each kill with a send in flight or unrecorded, none for the kill between sends"
    );
    assert!(
        out.contains("outbox: 0 pending, 0 in doubt, 2 resent after a crash in the last day"),
        "{out}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_kill_in_flight_the_restart_sends_it_again_marked_and_says_so() {
    let setup = prepare().await;
    let api = FakeBotApi::start().await;
    kill_in_flight(&setup, &api).await;
    let out = finish(claimwatch(&setup, &api, &["digest", "--deliver"], &[])).await;
    assert!(
        out.contains("1 message(s) were in flight when the last run stopped: in doubt: sent again, marked as resent"),
        "{out}"
    );
    assert!(
        out.contains("1 of them resent after a crash (marked)"),
        "{out}"
    );
    let got = assert_every_part_arrived(&setup, &api).await;
    assert_eq!((got.marked, got.in_doubt), (1, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_skip_a_kill_in_flight_leaves_the_message_in_doubt_and_repeats_nothing() {
    let setup = prepare().await;
    let api = FakeBotApi::start().await;
    let skip = [("CLAIMWATCH_DELIVERY__IN_DOUBT", "skip")];
    api.hold_send(5);
    let child = claimwatch(&setup, &api, &SEND_NOW, &skip).spawn().unwrap();
    wait_received(&api, 5).await;
    kill(child).await;
    api.release_held();
    let out = finish(claimwatch(&setup, &api, &["digest", "--deliver"], &skip)).await;
    assert!(out.contains("marked in_doubt, not resent"), "{out}");
    let got = assert_every_part_arrived(&setup, &api).await;
    assert_eq!((got.marked, got.in_doubt), (0, 1));
}
