//! Two instances on one PostgreSQL database (the deployment for several instances): the one
//! sending a fan-out is killed (SIGKILL) three times at different points — a message held in
//! flight, the instant a held answer is let go, and anywhere mid fan-out — and a new instance
//! is started after each kill but the last. Each time another instance takes the sender role
//! once the lease runs out and sends what the dead one left in doubt again, marked. Every
//! subscriber gets its digest, with at most one marked repeat per kill; every source keeps
//! being polled on schedule and never by both instances at once.

use crate::process::{Instance, eventually, write_config};
use crate::support::bot_api::FakeBotApi;
use crate::support::db::TestDb;
use crate::support::feed_server::FeedServer;
use crate::war_feed;
use claimwatch::model::{ChatKind, Lang, NewSubscriber, Topics};
use claimwatch::store::{Store, SubscriberUpdate};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub(crate) const SUBSCRIBERS: i64 = 60;
const LEASE: Duration = Duration::from_secs(3);
/// How long a source stays leased to its poller (`PollContext::lease`: twice the 5 s HTTP
/// timeout of the test configuration, plus 60 s). A source the killed instance was polling
/// comes due again only when this runs out.
const SOURCE_LEASE: Duration = Duration::from_secs(70);
/// The configuration's poll interval, plus room for a loaded machine.
const POLL_SLACK: Duration = Duration::from_secs(10);
const KILLS: usize = 3;

pub(crate) fn chat(i: i64) -> i64 {
    10_000 + i
}

pub(crate) async fn subscribe_all(store: &dyn Store) {
    let now = chrono::Utc::now();
    for i in 1..=SUBSCRIBERS {
        let new = NewSubscriber {
            chat_id: chat(i),
            kind: ChatKind::Private,
            title: None,
            topics: Topics::ALL,
            digest_time: chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            timezone: "Europe/Kyiv".into(),
            ui_lang: Lang::En,
        };
        store.upsert_subscriber(&new, now).await.unwrap();
    }
}

pub(crate) async fn make_all_due(store: &dyn Store) {
    // No weekly chart: on its day (Monday in Kyiv by default) each digest would have a
    // second part, and a kill could fall on it.
    let due = SubscriberUpdate {
        next_digest_at: Some(Some(chrono::Utc::now())),
        chart_weekday: Some(None),
        ..Default::default()
    };
    for i in 1..=SUBSCRIBERS {
        let now = chrono::Utc::now();
        store.update_subscriber(chat(i), &due, now).await.unwrap();
    }
}

/// The digests each chat received: (unmarked, marked).
pub(crate) fn digests(api: &FakeBotApi, chat: i64) -> (usize, usize) {
    let marker = claimwatch::i18n::texts(Lang::En).bot.resent_marker;
    let texts: Vec<String> = api
        .sent_to(chat)
        .into_iter()
        .map(|m| m.text)
        .filter(|t| t.contains("Claimwatch digest"))
        .collect();
    let marked = texts.iter().filter(|t| t.contains(marker)).count();
    (texts.len() - marked, marked)
}

/// The running instances; kills the one holding the sender role.
struct Cluster {
    store: Arc<dyn Store>,
    config: std::path::PathBuf,
    dir: tempfile::TempDir,
    alive: Vec<Instance>,
    dead: Vec<Instance>,
    started: usize,
    /// When each kill happened.
    kills: Vec<Instant>,
}

impl Cluster {
    fn start(&mut self, api: &FakeBotApi) {
        let log = self.dir.path().join(format!("{}.log", self.started));
        self.started += 1;
        self.alive.push(Instance::start(&self.config, api, log));
    }

    /// Kills the sender (SIGKILL) and notes when that happened.
    async fn kill_sender(&mut self) {
        let holder = self
            .store
            .lease_holder("sender", chrono::Utc::now())
            .await
            .unwrap()
            .expect("a sender");
        let i = self
            .alive
            .iter()
            .position(|x| holder.contains(&format!(":{}:", x.pid())))
            .unwrap_or_else(|| panic!("the sender {holder} is one of ours"));
        let mut dead = self.alive.remove(i);
        dead.kill();
        self.dead.push(dead);
        self.kills.push(Instant::now());
    }

    fn logs(&self) -> String {
        self.alive
            .iter()
            .chain(&self.dead)
            .map(|i| format!("── {} ──\n{}", i.log.display(), i.output()))
            .collect()
    }
}

/// Waits until `n` messages in all have been received.
async fn received(api: &FakeBotApi, n: usize, c: &Cluster) {
    let ok = api
        .wait_until(Duration::from_secs(90), |_| api.sent().len() >= n)
        .await;
    assert!(
        ok,
        "{n} messages received ({}):\n{}",
        api.sent().len(),
        c.logs()
    );
}

/// The three kills.
async fn kill_three_times(api: &FakeBotApi, c: &mut Cluster) {
    // 1: a message held in flight.
    let target = api.sent().len() + 10;
    api.hold_send(10);
    received(api, target, c).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    c.kill_sender().await;
    api.release_held();
    c.start(api);
    // 2: the next sender's tenth message held, let go, and its sender killed at once.
    let target = api.sent().len() + 10;
    api.hold_send(10);
    received(api, target, c).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    api.release_held();
    c.kill_sender().await;
    c.start(api);
    // 3: anywhere, five messages into the next sender's work.
    let target = api.sent().len() + 5;
    received(api, target, c).await;
    c.kill_sender().await;
}

/// Each source's last poll, in seconds after `kill` (negative: before it).
fn last_polls(feeds: &FeedServer, paths: &[&str], kill: Instant) -> Vec<(String, f64)> {
    let secs = |t: Instant| match t.checked_duration_since(kill) {
        Some(after) => after.as_secs_f64(),
        None => -(kill - t).as_secs_f64(),
    };
    paths
        .iter()
        .map(|p| {
            let last = feeds.requests(p).iter().map(|r| r.received).max();
            (p.to_string(), last.map_or(f64::NAN, secs))
        })
        .collect()
}

/// Each source's first poll after `kill`, in seconds after it.
fn first_polls_after(feeds: &FeedServer, paths: &[&str], kill: Instant) -> Vec<f64> {
    paths
        .iter()
        .filter_map(|p| {
            let after = feeds.requests(p).into_iter().map(|r| r.received);
            after.filter(|&t| t > kill).min()
        })
        .map(|t| (t - kill).as_secs_f64())
        .collect()
}

/// Every source polled after the last kill, never twice within 800 ms, never left 5 leases
/// — except a source a kill fell on mid-poll, which waits for its source lease to run out.
async fn assert_polling_went_on(feeds: &FeedServer, paths: &[&str], kills: &[Instant]) {
    let last_kill = *kills.last().expect("a kill");
    assert!(
        eventually(SOURCE_LEASE + POLL_SLACK, || async {
            paths
                .iter()
                .all(|p| feeds.requests(p).iter().any(|r| r.received > last_kill))
        })
        .await,
        "sources polled after the last kill: {:?}",
        last_polls(feeds, paths, last_kill)
    );
    eprintln!(
        "first polls after the last kill, seconds: {:?}",
        first_polls_after(feeds, paths, last_kill)
    );
    for p in paths {
        let times: Vec<Instant> = feeds.requests(p).iter().map(|r| r.received).collect();
        assert!(times.len() >= 3, "{p} polled {} times", times.len());
        for pair in times.windows(2) {
            let gap = pair[1] - pair[0];
            assert!(
                gap >= Duration::from_millis(800),
                "{p} polled twice within {gap:?}"
            );
            let killed_between = kills.iter().any(|k| (pair[0]..pair[1]).contains(k));
            let longest = if killed_between {
                SOURCE_LEASE + POLL_SLACK
            } else {
                LEASE * 5
            };
            assert!(gap <= longest, "{p} waited {gap:?} between polls");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sender_killed_three_times_loses_no_digest_and_repeats_at_most_one_per_kill_marked() {
    if crate::support::db::backend() != "postgres" {
        // Several instances share a PostgreSQL database; one SQLite file serves one instance.
        eprintln!(
            "NOTICE: two instances need PostgreSQL (CLAIMWATCH_TEST_BACKEND=postgres); not run on SQLite"
        );
        return;
    }
    let db = TestDb::new().await;
    let feeds = FeedServer::start().await;
    let paths = ["a.xml", "b.xml", "c.xml"];
    for (i, p) in paths.iter().enumerate() {
        war_feed(&feeds, p, &format!("outlet{i}"));
    }
    let urls: Vec<String> = paths.iter().map(|p| feeds.url(p)).collect();
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), &db.url, &urls, "3s");
    subscribe_all(db.store.as_ref()).await;
    let mut c = Cluster {
        store: db.store.clone(),
        config,
        dir,
        alive: Vec::new(),
        dead: Vec::new(),
        started: 0,
        kills: Vec::new(),
    };
    // The claims must be filed before the digests are composed: start one instance, wait.
    c.start(&api);
    let store = db.store.clone();
    let filed = eventually(Duration::from_secs(30), || async {
        let since = chrono::Utc::now() - chrono::Duration::days(1);
        store.stats(since).await.is_ok_and(|s| s.claims >= 2)
    })
    .await;
    assert!(filed, "{}", c.logs());
    c.start(&api);
    make_all_due(db.store.as_ref()).await;
    kill_three_times(&api, &mut c).await;

    // Generous: a loaded CI machine runs other suites beside this one.
    let all_arrived = || (1..=SUBSCRIBERS).all(|i| digests(&api, chat(i)) != (0, 0));
    if !api
        .wait_until(Duration::from_secs(120), |_| all_arrived())
        .await
    {
        panic!("{}", missing(&api, db.store.as_ref(), &c).await);
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut repeats = 0;
    for i in 1..=SUBSCRIBERS {
        let (unmarked, marked) = digests(&api, chat(i));
        assert!(
            unmarked <= 1,
            "chat {}: {unmarked} unmarked digests",
            chat(i)
        );
        assert!(unmarked + marked >= 1, "chat {}: no digest", chat(i));
        repeats += unmarked + marked - 1;
    }
    let marked: usize = (1..=SUBSCRIBERS).map(|i| digests(&api, chat(i)).1).sum();
    eprintln!("{KILLS} kills, {SUBSCRIBERS} digests, {marked} marked resends, {repeats} repeats");
    assert!(repeats <= KILLS, "{repeats} repeats for {KILLS} kills");
    assert!(
        marked >= 1,
        "the message held in flight at the first kill was resent, marked"
    );
    let resent = db
        .store
        .stats(chrono::Utc::now() - chrono::Duration::days(1))
        .await;
    assert_eq!(resent.unwrap().resent_since as usize, marked);

    assert_polling_went_on(&feeds, &paths, &c.kills).await;
    for mut alive in std::mem::take(&mut c.alive) {
        let status = alive.terminate(Duration::from_secs(30));
        assert!(status.is_some_and(|s| s.success()), "{}", alive.output());
    }
}

/// Which chats have no digest, with their outbox rows, and every instance's log.
async fn missing(api: &FakeBotApi, store: &dyn Store, c: &Cluster) -> String {
    let mut out = String::new();
    for i in 1..=SUBSCRIBERS {
        if digests(api, chat(i)) == (0, 0) {
            let sub = store.subscriber(chat(i)).await.ok().flatten();
            let rows = match &sub {
                Some(s) => store.outbox_of(s.id).await.unwrap_or_default(),
                None => Vec::new(),
            };
            let rows: Vec<_> = rows
                .iter()
                .map(|r| (r.state, r.attempts, r.resends, r.last_error.clone()))
                .collect();
            out.push_str(&format!("chat {}: outbox {rows:?}\n", chat(i)));
        }
    }
    format!("digests missing:\n{out}\n{}", c.logs())
}
