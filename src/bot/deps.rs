//! What the bot needs from the rest of claimwatch, injected into the handler tree: the store,
//! the config, the clock, and two integration points whose modules live elsewhere —
//! [`DigestSource`] (composes `/digest`) and [`SourceChecker`] (validates `/addsource`).
//! [`ComposedDigestSource`] backs `/digest` with the digest module's `compose`;
//! [`AddressChecker`] is a real checker that validates the address and refuses private
//! networks without fetching; the ingest module's checker adds the trial fetch.

use crate::clock::Clock;
use crate::config::Config;
use crate::model::{NewSource, SourceOrigin, Subscriber};
use crate::sources::address::SourceAddress;
use crate::sources::fetch::guard::is_internal;
use crate::store::Store;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

/// Composes a subscriber's digest on demand (`/digest`).
#[async_trait]
pub trait DigestSource: Send + Sync {
    /// The digest's messages (Telegram HTML, each ≤ 4096 characters); empty when there is
    /// nothing to say. The error is logged, not shown.
    async fn digest_now(&self, sub: &Subscriber, now: DateTime<Utc>)
    -> Result<Vec<String>, String>;
}

/// Validates a source an admin wants to add.
#[async_trait]
pub trait SourceChecker: Send + Sync {
    /// The source to store, or why not (shown to the admin).
    async fn check(&self, input: &str) -> Result<NewSource, String>;
}

/// Everything the handlers need. Cheap to clone.
#[derive(Clone)]
pub struct BotDeps {
    pub store: Arc<dyn Store>,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    pub digest: Arc<dyn DigestSource>,
    pub checker: Arc<dyn SourceChecker>,
    /// The pace every message of the process goes through (shared with the outbox).
    pub gate: Arc<crate::delivery::Gate>,
}

/// `/digest` from the digest module: the chat's current digest, composed as the scheduler
/// would compose it, shown without being recorded (the scheduled digest is unaffected).
pub struct ComposedDigestSource {
    pub store: Arc<dyn Store>,
    pub config: Arc<Config>,
}

#[async_trait]
impl DigestSource for ComposedDigestSource {
    async fn digest_now(
        &self,
        sub: &Subscriber,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>, String> {
        crate::digest::compose(self.store.as_ref(), &self.config, sub, now)
            .await
            .map(|d| d.parts)
            .map_err(|e| e.to_string())
    }
}

/// Checks an address without fetching it: parses it, refuses `file://` from the chat, and
/// refuses hosts on loopback or private networks (resolving names) unless the config allows
/// them. The fetch that proves a feed parses belongs to the ingest module's checker.
#[derive(Debug, Clone)]
pub struct AddressChecker {
    pub allow_private: bool,
    pub resolve_timeout: Duration,
}

impl AddressChecker {
    pub fn from_config(config: &Config) -> Self {
        AddressChecker {
            allow_private: config.http.allow_private_addresses,
            resolve_timeout: Duration::from_secs(5),
        }
    }

    async fn check_host(&self, url: &url::Url) -> Result<(), String> {
        if self.allow_private {
            return Ok(());
        }
        let refused = || "the address is on a loopback or private network".to_owned();
        match url.host() {
            Some(url::Host::Ipv4(ip)) if is_internal(IpAddr::V4(ip)) => Err(refused()),
            Some(url::Host::Ipv6(ip)) if is_internal(IpAddr::V6(ip)) => Err(refused()),
            Some(url::Host::Ipv4(_)) | Some(url::Host::Ipv6(_)) => Ok(()),
            Some(url::Host::Domain(name)) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                let local_suffix = [".localhost", ".local", ".internal", ".lan", ".home.arpa"];
                if name == "localhost" || local_suffix.iter().any(|s| name.ends_with(s)) {
                    return Err(refused());
                }
                let port = url.port_or_known_default().unwrap_or(443);
                let lookup = tokio::net::lookup_host((name.as_str(), port));
                let addrs = tokio::time::timeout(self.resolve_timeout, lookup)
                    .await
                    .map_err(|_| "the host name did not resolve in time".to_owned())?
                    .map_err(|_| "the host name does not resolve".to_owned())?
                    .collect::<Vec<_>>();
                if addrs.is_empty() {
                    return Err("the host name does not resolve".into());
                }
                if addrs.iter().any(|a| is_internal(a.ip())) {
                    return Err(refused());
                }
                Ok(())
            }
            None => Err("the address has no host".into()),
        }
    }
}

#[async_trait]
impl SourceChecker for AddressChecker {
    async fn check(&self, input: &str) -> Result<NewSource, String> {
        let addr = SourceAddress::parse(input).map_err(|e| e.to_string())?;
        if let SourceAddress::Feed(url) = &addr {
            if url.scheme() == "file" {
                return Err("file:// sources can only be added in the config file".into());
            }
            self.check_host(url).await?;
        }
        Ok(NewSource {
            url: addr.canonical(),
            kind: addr.kind(),
            title: None,
            lang: None,
            interval_secs: None,
            origin: SourceOrigin::Runtime,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceKind;

    #[tokio::test]
    async fn refuses_private_hosts_unless_allowed() {
        let strict = AddressChecker {
            allow_private: false,
            resolve_timeout: Duration::from_secs(2),
        };
        for bad in [
            "http://127.0.0.1:8080/rss",
            "http://localhost/feed",
            "http://[::1]/feed",
            "http://10.0.0.5/rss",
            "http://router.local/rss",
            "file:///etc/passwd",
            "javascript:alert(1)",
        ] {
            assert!(strict.check(bad).await.is_err(), "{bad}");
        }
        let ok = strict.check("https://93.184.216.34/rss").await.unwrap();
        assert_eq!(ok.kind, SourceKind::Feed);
        let tg = strict.check("@GeneralStaffZSU").await.unwrap();
        assert_eq!(tg.url, "https://t.me/s/GeneralStaffZSU");
        let lenient = AddressChecker {
            allow_private: true,
            ..strict
        };
        assert!(lenient.check("http://127.0.0.1:8080/rss").await.is_ok());
    }
}
