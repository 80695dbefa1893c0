//! Runs the real bot (`claimwatch::bot::run_bot`: the dispatcher, the handler tree, the
//! teloxide client) against the fake Bot API, on a fresh store and a manual clock, and helps
//! tests push updates and wait for the replies they cause.

use super::bot_api::{Call, FakeBotApi, Sent, updates};
use super::bot_deps::RecordingDigest;
use super::db::TestDb;
use super::t0;
use super::tg_html;
use claimwatch::bot::{AddressChecker, BotDeps, SourceChecker, run_bot};
use claimwatch::clock::{ManualClock, SystemClock};
use claimwatch::config::Config;
use claimwatch::delivery::Gate;
use claimwatch::model::Subscriber;
use claimwatch::shutdown::Shutdown;
use claimwatch::store::Store;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;

/// The admin chat configured for every harness.
pub const ADMIN: i64 = 777;
/// How long a test waits for the bot before failing.
pub const WAIT: Duration = Duration::from_secs(10);

/// Pacing and flood limits far above Telegram's, so tests that are not about them run at
/// full speed; tests about them restore Telegram's in `with_config`.
pub fn relaxed_limits(config: &mut Config) {
    config.delivery.global_per_second = 1_000;
    config.delivery.per_chat_per_second = 1_000;
    config.delivery.per_group_per_minute = 10_000;
    config.bot.flood_burst = 50;
    config.bot.flood_per_minute = 10_000;
}

pub struct BotHarness {
    pub api: FakeBotApi,
    pub db: TestDb,
    pub clock: ManualClock,
    pub digest: Arc<RecordingDigest>,
    pub config: Arc<Config>,
    shutdown: Shutdown,
    task: tokio::task::JoinHandle<Result<(), claimwatch::bot::BotRunError>>,
}

impl BotHarness {
    pub async fn start() -> BotHarness {
        Self::with_config(|_| {}).await
    }

    pub async fn with_config(change: impl FnOnce(&mut Config)) -> BotHarness {
        Self::with_checker(change, |_, config| {
            Arc::new(AddressChecker::from_config(config))
        })
        .await
    }

    /// A harness whose `/addsource` goes through the checker `make_checker` builds.
    pub async fn with_checker(
        change: impl FnOnce(&mut Config),
        make_checker: impl FnOnce(Arc<dyn Store>, &Config) -> Arc<dyn SourceChecker>,
    ) -> BotHarness {
        Self::assemble(TestDb::new().await, change, make_checker).await
    }

    /// A harness on a database of the test's own (e.g. a watched store on a small disk).
    pub async fn on_store(db: TestDb, change: impl FnOnce(&mut Config)) -> BotHarness {
        Self::assemble(db, change, |_, config| {
            Arc::new(AddressChecker::from_config(config))
        })
        .await
    }

    async fn assemble(
        db: TestDb,
        change: impl FnOnce(&mut Config),
        make_checker: impl FnOnce(Arc<dyn Store>, &Config) -> Arc<dyn SourceChecker>,
    ) -> BotHarness {
        let api = FakeBotApi::start().await;
        let mut config = Config {
            admin_chat_ids: vec![ADMIN],
            ..Config::default()
        };
        relaxed_limits(&mut config);
        change(&mut config);
        let config = Arc::new(config);
        let clock = ManualClock::new(t0());
        let digest = Arc::new(RecordingDigest::default());
        let deps = BotDeps {
            store: db.store.clone(),
            config: config.clone(),
            clock: Arc::new(clock.clone()),
            digest: digest.clone(),
            checker: make_checker(db.store.clone(), &config),
            gate: Arc::new(Gate::from_config(&config.delivery, Arc::new(SystemClock))),
        };
        let shutdown = Shutdown::new();
        let task = tokio::spawn(run_bot(deps, api.bot(), shutdown.clone()));
        let listening = api
            .wait_until(WAIT, |calls| {
                calls
                    .iter()
                    .any(|c| c.method == "getUpdates" || c.method == "setWebhook")
            })
            .await;
        if !listening {
            let calls: Vec<String> = api.calls().iter().map(|c| c.method.clone()).collect();
            let ended = if task.is_finished() {
                format!("{:?}", task.await)
            } else {
                "still running".into()
            };
            panic!("the dispatcher never started listening: {ended}; calls {calls:?}");
        }
        BotHarness {
            api,
            db,
            clock,
            digest,
            config,
            shutdown,
            task,
        }
    }

    /// Stops the bot through the shared shutdown and checks it returned cleanly.
    pub async fn stop(self) {
        self.assert_all_replies_valid();
        self.shutdown.trigger();
        let result = tokio::time::timeout(WAIT, self.task)
            .await
            .expect("the bot stops on shutdown")
            .expect("the bot task did not panic");
        assert!(result.is_ok(), "{result:?}");
    }

    /// Every sendMessage, editMessageText and answerCallbackQuery was accepted, and every
    /// text is valid Telegram HTML.
    pub fn assert_all_replies_valid(&self) {
        for c in self.api.calls() {
            if matches!(
                c.method.as_str(),
                "sendMessage" | "editMessageText" | "answerCallbackQuery"
            ) {
                assert!(c.ok, "{} refused: {}", c.method, c.params);
            }
            if matches!(c.method.as_str(), "sendMessage" | "editMessageText") {
                let text = c.params["text"].as_str().unwrap_or("");
                assert_eq!(c.params["parse_mode"], "HTML", "{text}");
                if let Err(e) = tg_html::validate(text) {
                    panic!("invalid HTML ({e}): {text}");
                }
            }
        }
    }

    /// Pushes a text message from `user` in `chat` and waits for `replies` new messages in
    /// that chat; returns them.
    pub async fn say(
        &self,
        chat: i64,
        user: i64,
        lang: &str,
        text: &str,
        replies: usize,
    ) -> Vec<Sent> {
        let before = self.api.sent_to(chat).len();
        self.api
            .push_update(updates::message(chat, user, lang, text));
        self.wait_sent(chat, before + replies).await;
        self.api.sent_to(chat)[before..].to_vec()
    }

    /// A private message expecting one reply; returns its text.
    pub async fn ask(&self, chat: i64, lang: &str, text: &str) -> String {
        let mut got = self.say(chat, chat, lang, text, 1).await;
        got.remove(0).text
    }

    pub async fn wait_sent(&self, chat: i64, n: usize) {
        // Counted from the recorded calls (the predicate runs under the fake's lock).
        let ok = self
            .api
            .wait_until(WAIT, move |calls| {
                calls
                    .iter()
                    .filter(|c| c.method == "sendMessage" && c.ok && c.params["chat_id"] == chat)
                    .count()
                    >= n
            })
            .await;
        assert!(
            ok,
            "expected {n} messages to {chat}, got {:?}",
            self.api.sent_to(chat)
        );
    }

    /// Presses a button and waits for its answerCallbackQuery; returns the answer's params.
    pub async fn press(&self, chat: i64, user: i64, message_id: i64, data: &str) -> Value {
        let before = self.api.calls_of("answerCallbackQuery").len();
        self.api
            .push_update(updates::callback(chat, user, "en", message_id, data));
        assert!(
            self.api
                .wait_for("answerCallbackQuery", before + 1, WAIT)
                .await,
            "no answer to the press {data:?}"
        );
        self.api.calls_of("answerCallbackQuery")[before]
            .params
            .clone()
    }

    /// The editMessageText calls so far.
    pub fn edits(&self) -> Vec<Call> {
        self.api.calls_of("editMessageText")
    }

    pub async fn subscriber(&self, chat: i64) -> Option<Subscriber> {
        self.db.store.subscriber(chat).await.unwrap()
    }

    /// Waits until `check` holds for the chat's subscriber row.
    pub async fn wait_subscriber(&self, chat: i64, check: impl Fn(Option<&Subscriber>) -> bool) {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let sub = self.subscriber(chat).await;
            if check(sub.as_ref()) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "subscriber {chat}: {sub:?}"
            );
            let _ = self
                .api
                .wait_until(Duration::from_millis(50), |_| false)
                .await;
        }
    }
}
