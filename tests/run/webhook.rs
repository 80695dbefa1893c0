//! Webhook mode with the HTTP endpoints on the same address: one server answers Telegram's
//! posts (with the secret token teloxide generated) and `/metrics`, `/readyz`; the webhook is
//! set at start and deleted at a clean stop.

use crate::endpoints::{free_port, get};
use crate::process::{Instance, write_config_with};
use crate::support::bot_api::{FakeBotApi, updates};
use crate::support::db::TestDb;
use std::time::Duration;

/// The webhook is set at start with a secret token; returns the token.
async fn the_webhook_is_set(api: &FakeBotApi, run: &Instance) -> String {
    assert!(
        api.wait_for("setWebhook", 1, Duration::from_secs(30)).await,
        "{}",
        run.output()
    );
    let set = api.calls_of("setWebhook").pop().unwrap();
    assert_eq!(set.params["url"], "https://bot.example/hook");
    set.params["secret_token"].as_str().unwrap().to_owned()
}

/// Telegram's posts: refused without the secret, answered with it.
async fn posts_need_the_secret(port: u16, secret: &str, api: &FakeBotApi, run: &Instance) {
    let client = reqwest::Client::new();
    let hook = format!("http://127.0.0.1:{port}/hook");
    let mut update = updates::message(1601, 1601, "en", "/help");
    update["update_id"] = serde_json::json!(1);
    // The router goes into the shared server just after setWebhook returns: until then the
    // path answers 404 (Telegram retries), so wait for the first answer that is not.
    let mut refused = 404;
    for _ in 0..100 {
        refused = client
            .post(&hook)
            .json(&update)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        if refused != 404 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(refused, 401, "no secret, no update");
    let accepted = client
        .post(&hook)
        .header("X-Telegram-Bot-Api-Secret-Token", secret)
        .json(&update)
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status().as_u16(), 200);
    assert!(
        api.wait_until(Duration::from_secs(20), |_| !api.sent_to(1601).is_empty())
            .await,
        "the update was answered:\n{}",
        run.output()
    );
}

/// `/metrics` and `/healthz` on the same address, and no polling.
async fn endpoints_share_the_server(port: u16, api: &FakeBotApi) {
    let (status, metrics) = get(&format!("http://127.0.0.1:{port}/metrics"))
        .await
        .unwrap();
    assert_eq!(status, 200);
    assert!(metrics.contains("claimwatch_build_info"), "{metrics}");
    assert_eq!(
        get(&format!("http://127.0.0.1:{port}/healthz"))
            .await
            .map(|r| r.0),
        Some(200)
    );
    assert!(
        api.calls_of("getUpdates").is_empty(),
        "no polling in webhook mode"
    );
}

/// SIGTERM stops the update loop at once and deletes the webhook.
fn stops_at_once_and_deletes_the_webhook(run: &mut Instance, api: &FakeBotApi) {
    let stopping = std::time::Instant::now();
    let status = run
        .terminate(Duration::from_secs(30))
        .expect("stops on SIGTERM");
    assert!(status.success(), "{}", run.output());
    assert!(
        stopping.elapsed() < Duration::from_secs(10) && !run.output().contains("still in flight"),
        "the update loop stops at once, not after the grace period:\n{}",
        run.output()
    );
    assert!(
        !api.calls_of("deleteWebhook").is_empty(),
        "the webhook is deleted at the stop:\n{}",
        run.output()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_and_endpoints_share_one_server() {
    let db = TestDb::new().await;
    let api = FakeBotApi::start().await;
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let extra = format!(
        "[bot]\nmode = \"webhook\"\nwebhook_url = \"https://bot.example/hook\"\nwebhook_listen = \"127.0.0.1:{port}\"\n\
         [server]\nlisten = \"127.0.0.1:{port}\"\ncheck_interval = \"1s\"\n"
    );
    let config = write_config_with(dir.path(), &db.url, &[], "3s", &extra);
    let mut run = Instance::start(&config, &api, dir.path().join("run.log"));
    let secret = the_webhook_is_set(&api, &run).await;
    posts_need_the_secret(port, &secret, &api, &run).await;
    endpoints_share_the_server(port, &api).await;
    stops_at_once_and_deletes_the_webhook(&mut run, &api);
}
