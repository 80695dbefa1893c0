//! Fetching with limits: one reqwest client (rustls, gzip and brotli, connect and total
//! timeouts, a redirect limit, a User-Agent naming claimwatch), a body cap enforced while
//! streaming (after decompression), conditional GET, a global and a per-host concurrency
//! limit, and `file://` reads under the same cap. Errors never carry a URL's credentials.

mod body;
mod errors;
mod fetched;
mod file;
pub mod guard;
mod proxy;

pub use body::RetryAfter;
pub use errors::FetchError;
pub use fetched::{Fetched, FetchedBody, Validators};

use body::CappedBody;
use errors::{classify, describe};
use reqwest::header::{
    ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, ETAG, HeaderMap, IF_MODIFIED_SINCE, IF_NONE_MATCH,
    LAST_MODIFIED, RETRY_AFTER,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::config::{HttpConfig, PollConfig};

/// What the client is allowed to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchLimits {
    pub connect_timeout: Duration,
    /// Whole request, body included (also applied to `file://` reads).
    pub timeout: Duration,
    pub max_body_bytes: u64,
    pub max_redirects: usize,
    pub user_agent: String,
    /// Allow loopback, private and link-local addresses.
    pub allow_private: bool,
    /// Requests at once over all hosts.
    pub concurrency: usize,
    /// Requests at once to one host.
    pub per_host_concurrency: usize,
    /// The proxy for feeds (`http.proxy`); the environment's proxy variables are ignored.
    pub proxy: Option<String>,
}

impl FetchLimits {
    pub fn from_config(http: &HttpConfig, poll: &PollConfig) -> FetchLimits {
        FetchLimits {
            connect_timeout: http.connect_timeout.0,
            timeout: http.timeout.0,
            max_body_bytes: http.max_body_bytes,
            max_redirects: http.max_redirects,
            user_agent: http.user_agent.clone(),
            allow_private: http.allow_private_addresses,
            concurrency: poll.concurrency.max(1),
            per_host_concurrency: poll.per_host_concurrency.max(1),
            proxy: Some(http.proxy.trim().to_owned()).filter(|p| !p.is_empty()),
        }
    }
}

/// What kind of document is asked for (the `Accept` header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    Feed,
    Html,
}

impl Accept {
    fn header(self) -> &'static str {
        match self {
            Accept::Feed => {
                "application/rss+xml, application/atom+xml, application/feed+json, \
                 application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1"
            }
            Accept::Html => "text/html, application/xhtml+xml;q=0.9, */*;q=0.1",
        }
    }
}

fn header(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// A URL with any user name and password removed.
pub fn without_credentials(url: &url::Url) -> String {
    let mut u = url.clone();
    let _ = u.set_username("");
    let _ = u.set_password(None);
    u.to_string()
}

/// The HTTP client with its limits, shared by every poller.
#[derive(Debug)]
pub struct Fetcher {
    client: reqwest::Client,
    limits: FetchLimits,
    /// Through a proxy with the guard on: targets are checked and redirects followed here.
    checked_hops: bool,
    global: Arc<Semaphore>,
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
}

impl Fetcher {
    pub fn new(limits: FetchLimits) -> Result<Fetcher, FetchError> {
        let mut builder = reqwest::Client::builder()
            .user_agent(limits.user_agent.clone())
            .connect_timeout(limits.connect_timeout)
            .timeout(limits.timeout)
            .gzip(true)
            .brotli(true)
            .redirect(guard::redirect_policy(
                limits.max_redirects,
                !limits.allow_private,
            ))
            .pool_max_idle_per_host(limits.per_host_concurrency);
        let checked_hops = limits.proxy.is_some() && !limits.allow_private;
        if !limits.allow_private && limits.proxy.is_none() {
            builder = builder.dns_resolver(Arc::new(guard::PublicOnlyResolver));
        }
        let builder = proxy::apply(builder, limits.proxy.as_deref(), !limits.allow_private)?;
        let client = builder
            .build()
            .map_err(|e| FetchError::Client(describe(e)))?;
        Ok(Fetcher {
            client,
            checked_hops,
            global: Arc::new(Semaphore::new(limits.concurrency)),
            hosts: Mutex::new(HashMap::new()),
            limits,
        })
    }

    pub fn from_config(http: &HttpConfig, poll: &PollConfig) -> Result<Fetcher, FetchError> {
        Fetcher::new(FetchLimits::from_config(http, poll))
    }

    pub fn limits(&self) -> &FetchLimits {
        &self.limits
    }

    fn host_semaphore(&self, url: &url::Url) -> Arc<Semaphore> {
        let key = format!(
            "{}:{}",
            url.host_str().unwrap_or(""),
            url.port_or_known_default().unwrap_or(0)
        );
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        hosts
            .entry(key)
            .or_insert_with(|| Arc::new(Semaphore::new(self.limits.per_host_concurrency)))
            .clone()
    }

    /// Waits for a slot for this host, then for a global slot (in that order, so sources
    /// waiting for a busy host do not hold global slots).
    async fn permits(
        &self,
        url: &url::Url,
    ) -> Result<(OwnedSemaphorePermit, OwnedSemaphorePermit), FetchError> {
        // The semaphores are never closed; an error here would be a bug, reported as such.
        let closed = |_| FetchError::Client("request limiter closed".into());
        let host = self
            .host_semaphore(url)
            .acquire_owned()
            .await
            .map_err(closed)?;
        let global = self.global.clone().acquire_owned().await.map_err(closed)?;
        Ok((host, global))
    }

    /// Fetches `raw_url` (http, https or file), sending `validators` as conditions.
    pub async fn fetch(
        &self,
        raw_url: &str,
        validators: &Validators,
        accept: Accept,
    ) -> Result<Fetched, FetchError> {
        let url = url::Url::parse(raw_url).map_err(|e| {
            FetchError::BadUrl(format!("{}: {e}", crate::text::redact_url(raw_url)))
        })?;
        match url.scheme() {
            "file" => {
                let path = url
                    .to_file_path()
                    .map_err(|_| FetchError::BadUrl(url.to_string()))?;
                let cap = self.limits.max_body_bytes;
                return tokio::time::timeout(
                    self.limits.timeout,
                    file::read_file(&path, validators, cap),
                )
                .await
                .unwrap_or(Err(FetchError::Timeout(self.limits.timeout)));
            }
            "http" | "https" => {}
            other => return Err(FetchError::Scheme(other.to_owned())),
        }
        if !self.limits.allow_private
            && let Some(ip) = guard::literal_ip(&url)
            && guard::is_internal(ip)
        {
            return Err(FetchError::Internal(format!(
                "{ip} is a loopback, private or link-local address"
            )));
        }
        let _permits = self.permits(&url).await?;
        let timeout = self.limits.timeout;
        // reqwest's own timeout covers the request too; this one also bounds the body loop.
        tokio::time::timeout(timeout, self.get(url, validators, accept))
            .await
            .unwrap_or(Err(FetchError::Timeout(timeout)))
    }

    async fn get(
        &self,
        url: url::Url,
        validators: &Validators,
        accept: Accept,
    ) -> Result<Fetched, FetchError> {
        let timeout = self.limits.timeout;
        let request = |url: url::Url| {
            let mut request = self.client.get(url).header(ACCEPT, accept.header());
            if let Some(etag) = &validators.etag {
                request = request.header(IF_NONE_MATCH, etag);
            }
            if let Some(modified) = &validators.last_modified {
                request = request.header(IF_MODIFIED_SINCE, modified);
            }
            request
        };
        let mut response = if self.checked_hops {
            proxy::send_checked(url, self.limits.max_redirects, request)
                .await
                .map_err(|hop| match hop {
                    proxy::Hop::Refused(e) => e,
                    proxy::Hop::Http(e) => classify(e, timeout),
                })?
        } else {
            request(url)
                .send()
                .await
                .map_err(|e| classify(e, timeout))?
        };
        let status = response.status();
        let headers = response.headers();
        let retry_after = header(headers, RETRY_AFTER).and_then(|v| RetryAfter::parse(&v));
        if status == reqwest::StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            return Err(FetchError::Status {
                status: status.as_u16(),
                retry_after,
            });
        }
        let cap = self.limits.max_body_bytes;
        let length = header(headers, CONTENT_LENGTH).and_then(|v| v.parse::<u64>().ok());
        if length.is_some_and(|n| n > cap) {
            return Err(FetchError::TooLarge { limit: cap });
        }
        let content_type = header(headers, CONTENT_TYPE);
        let fetched_validators = Validators {
            etag: header(headers, ETAG),
            last_modified: header(headers, LAST_MODIFIED),
        };
        let final_url = without_credentials(response.url());
        let mut body = CappedBody::new(cap, length);
        while let Some(chunk) = response.chunk().await.map_err(|e| classify(e, timeout))? {
            body.push(&chunk)
                .map_err(|_| FetchError::TooLarge { limit: cap })?;
        }
        Ok(Fetched::Body(FetchedBody {
            bytes: body.into_inner(),
            content_type,
            validators: fetched_validators,
            final_url,
            retry_after,
        }))
    }
}
