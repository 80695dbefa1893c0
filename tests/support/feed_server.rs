//! A feed server for ingest tests, on the loopback HTTP server of `http.rs`: routes whose
//! answers can be changed between polls, conditional GET (ETag / Last-Modified → 304),
//! optional delays, and a log of every request (headers included). Plus a poll context
//! with short timeouts and fixed jitter that may talk to 127.0.0.1.

use super::http::{Request, Response, handler, serve};
use claimwatch::config::{Config, HumanDuration};
use claimwatch::sources::PollContext;
use claimwatch::store::Store;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What one path answers.
#[derive(Debug, Clone)]
pub struct Route {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Answer 304 when the request's If-None-Match equals this.
    pub etag: Option<String>,
    /// Answer 304 when the request's If-Modified-Since equals this.
    pub last_modified: Option<String>,
    pub delay: Option<Duration>,
}

impl Route {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Route {
        Route {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            etag: None,
            last_modified: None,
            delay: None,
        }
    }

    pub fn rss(body: impl Into<Vec<u8>>) -> Route {
        Route::ok("application/rss+xml; charset=utf-8", body)
    }

    pub fn status(status: u16) -> Route {
        Route {
            status,
            ..Route::ok("text/plain", format!("status {status}"))
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Route {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn etag(mut self, etag: &str) -> Route {
        self.etag = Some(etag.into());
        self.header("ETag", etag)
    }

    pub fn last_modified(mut self, stamp: &str) -> Route {
        self.last_modified = Some(stamp.into());
        self.header("Last-Modified", stamp)
    }

    pub fn delay(mut self, d: Duration) -> Route {
        self.delay = Some(d);
        self
    }
}

#[derive(Default)]
struct State {
    routes: HashMap<String, Route>,
    requests: Vec<Request>,
}

/// A running feed server; stops when dropped.
pub struct FeedServer {
    server: super::http::Server,
    state: Arc<Mutex<State>>,
}

fn answer(state: &Mutex<State>, req: Request) -> (Response, Option<Duration>) {
    let mut st = state.lock().unwrap_or_else(|p| p.into_inner());
    let path = req.path().to_owned();
    let route = st
        .routes
        .get(&req.target)
        .or_else(|| st.routes.get(&path))
        .cloned();
    let if_none_match = req.header("if-none-match").map(str::to_owned);
    let if_modified = req.header("if-modified-since").map(str::to_owned);
    st.requests.push(req);
    let Some(route) = route else {
        return (Response::new(404, "text/plain", "no such feed"), None);
    };
    let unchanged = (route.etag.is_some() && if_none_match == route.etag)
        || (route.last_modified.is_some() && if_modified == route.last_modified);
    if unchanged {
        return (
            Response {
                status: 304,
                headers: Vec::new(),
                body: Vec::new(),
            },
            route.delay,
        );
    }
    (
        Response {
            status: route.status,
            headers: route.headers,
            body: route.body,
        },
        route.delay,
    )
}

impl FeedServer {
    pub async fn start() -> FeedServer {
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        let server = serve(handler(move |req| {
            let state = shared.clone();
            async move {
                let (resp, delay) = answer(&state, req);
                if let Some(d) = delay {
                    tokio::time::sleep(d).await;
                }
                resp
            }
        }))
        .await;
        FeedServer { server, state }
    }

    pub fn base_url(&self) -> String {
        self.server.base_url()
    }

    pub fn addr_port(&self) -> u16 {
        self.server.addr.port()
    }

    /// `http://127.0.0.1:PORT/<path>` (path without its leading slash).
    pub fn url(&self, path: &str) -> String {
        format!(
            "{}/{}",
            self.server.base_url(),
            path.trim_start_matches('/')
        )
    }

    /// Sets what `path` answers; a path with a query answers only that query, and takes
    /// precedence over the bare path.
    pub fn set(&self, path: &str, route: Route) {
        let key = format!("/{}", path.trim_start_matches('/'));
        let mut st = self.state.lock().unwrap_or_else(|p| p.into_inner());
        st.routes.insert(key, route);
    }

    /// Requests received for `path` (query ignored), oldest first.
    pub fn requests(&self, path: &str) -> Vec<Request> {
        let key = format!("/{}", path.trim_start_matches('/'));
        let st = self.state.lock().unwrap_or_else(|p| p.into_inner());
        st.requests
            .iter()
            .filter(|r| r.path() == key)
            .cloned()
            .collect()
    }

    pub fn hits(&self, path: &str) -> usize {
        self.requests(path).len()
    }
}

/// A configuration for tests: loopback allowed, short timeouts, small backoff.
pub fn test_config() -> Config {
    let mut c = Config::default();
    c.http.allow_private_addresses = true;
    c.http.timeout = HumanDuration(Duration::from_secs(2));
    c.http.connect_timeout = HumanDuration(Duration::from_secs(1));
    c.poll.backoff_base = HumanDuration::secs(60);
    c.poll.backoff_max = HumanDuration::secs(3600);
    c.poll.pause_after_errors = 3;
    c
}

/// A poll context on `store` with `config`, jitter fixed at 0.5.
pub fn context_with(store: Arc<dyn Store>, config: &Config) -> PollContext {
    PollContext::new(store, config)
        .expect("build the HTTP client")
        .with_jitter(|| 0.5)
}

/// A poll context on `store` with [`test_config`].
pub fn context(store: Arc<dyn Store>) -> PollContext {
    context_with(store, &test_config())
}

/// An RSS 2.0 document with one item per `(guid, title, body)`, links under `link_base`.
pub fn rss(title: &str, link_base: &str, items: &[(&str, &str, &str)]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>{title}</title><link>{link_base}</link>\n"
    );
    for (guid, title, body) in items {
        out.push_str(&format!(
            "<item><guid isPermaLink=\"false\">{guid}</guid><title>{title}</title>\
             <link>{link_base}/{guid}</link><description>{body}</description>\
             <pubDate>Sat, 21 Nov 2026 06:00:00 GMT</pubDate></item>\n"
        ));
    }
    out.push_str("</channel></rss>\n");
    out
}
