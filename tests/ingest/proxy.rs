//! Proxies and the private-address guard. A proxy resolves the names it is given, so the guard
//! must look at every target itself: feeds ignore the environment's `HTTP_PROXY` (the binary
//! run with one never touches it) and, through a proxy configured for them (`http.proxy`), a
//! private or loopback target is refused before any request leaves. A `sqlite://` URL's
//! password never shows in an error either.

use claimwatch::sources::fetch::{Accept, FetchError, FetchLimits, Fetcher, Validators};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A "proxy" on loopback that counts the connections it gets (and answers nothing useful).
async fn counting_proxy() -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let counted = hits.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            use tokio::io::AsyncWriteExt;
            let _ = socket
                .write_all(b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n")
                .await;
        }
    });
    (url, hits)
}

fn limits(proxy: &str, allow_private: bool) -> FetchLimits {
    FetchLimits {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(5),
        max_body_bytes: 1 << 20,
        max_redirects: 3,
        user_agent: "claimwatch-test".into(),
        allow_private,
        concurrency: 4,
        per_host_concurrency: 2,
        proxy: Some(proxy.to_owned()),
    }
}

#[tokio::test]
async fn a_proxied_fetch_to_a_private_address_is_refused_before_it_leaves() {
    let (proxy, hits) = counting_proxy().await;
    let guarded = Fetcher::new(limits(&proxy, false)).unwrap();
    for target in [
        "http://localhost:9/feed",
        "http://127.0.0.1:9/feed",
        "http://10.0.0.7/rss",
    ] {
        let err = guarded
            .fetch(target, &Validators::default(), Accept::Feed)
            .await
            .unwrap_err();
        assert!(
            matches!(err, FetchError::Internal(_) | FetchError::Connect(_)),
            "{target}: {err}"
        );
    }
    assert_eq!(hits.load(Ordering::SeqCst), 0, "nothing reached the proxy");
    // The proxy really carries requests when private targets are allowed.
    let open = Fetcher::new(limits(&proxy, true)).unwrap();
    let _ = open
        .fetch(
            "http://localhost:9/feed",
            &Validators::default(),
            Accept::Feed,
        )
        .await;
    assert_eq!(
        hits.load(Ordering::SeqCst),
        1,
        "the configured proxy is used"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_environments_proxy_is_never_used_for_feeds() {
    let (proxy, hits) = counting_proxy().await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("claimwatch.toml");
    std::fs::write(
        &config,
        format!(
            "database_url = \"sqlite://{}\"\n[http]\ntimeout = \"2s\"\n\
             [[sources]]\nurl = \"http://localhost:9/feed\"\n",
            dir.path().join("cw.db").display()
        ),
    )
    .unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimwatch"));
    for (k, _) in std::env::vars() {
        if k.starts_with("CLAIMWATCH_") && !k.starts_with("CLAIMWATCH_TEST_") {
            cmd.env_remove(k);
        }
    }
    cmd.arg("--config").arg(&config).args(["poll", "--once"]);
    for var in ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "ALL_PROXY"] {
        cmd.env(var, &proxy);
    }
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(stdout.contains("refused"), "{stdout}");
    assert_eq!(hits.load(Ordering::SeqCst), 0, "the proxy was bypassed");
}

#[tokio::test]
async fn a_database_password_never_shows_in_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("claimwatch.toml");
    std::fs::write(
        &config,
        "database_url = \"sqlite://reader:Sup3rSecret@/nonexistent/dir/cw.db\"\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_claimwatch"))
        .env_remove("CLAIMWATCH_DATABASE_URL")
        .arg("--config")
        .arg(&config)
        .args(["sources", "list"])
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "{all}");
    assert!(!all.contains("Sup3rSecret"), "{all}");
}
