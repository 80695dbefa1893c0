//! Keeps requests away from loopback, private, link-local and unspecified addresses unless
//! allowed: a DNS resolver that refuses names resolving to such addresses (so DNS rebinding and
//! redirects to internal names are caught at connect time), a check for IP-literal hosts, and
//! the redirect policy (limit, http(s) only, no internal literals).

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// True for addresses a public source must never resolve to: loopback, private (RFC 1918,
/// unique local), link-local, unspecified, carrier-grade NAT, multicast, broadcast,
/// documentation and benchmarking ranges, and IPv4 embedded in IPv6 forms of those.
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_internal_v4(v4),
        IpAddr::V6(v6) => is_internal_v6(v6),
    }
}

fn is_internal_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 198 && (b == 18 || b == 19))
        || (a == 192 && b == 0 && c == 0)
        || a >= 240
}

fn is_internal_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_internal_v4(v4);
    }
    let seg = ip.segments();
    // NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits.
    if seg[0] == 0x64 && seg[1] == 0xff9b && seg[2..6].iter().all(|s| *s == 0) {
        let [.., hi, lo] = seg;
        return is_internal_v4(Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo)));
    }
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (seg[0] & 0xfe00) == 0xfc00 // unique local fc00::/7
        || (seg[0] & 0xffc0) == 0xfe80 // link-local fe80::/10
        || (seg[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
        || (seg[0] == 0x2001 && seg[1] == 0x0db8) // documentation
        || seg[..6].iter().all(|s| *s == 0) // IPv4-compatible ::a.b.c.d
}

/// The IP of a URL whose host is an address literal.
pub fn literal_ip(url: &url::Url) -> Option<IpAddr> {
    match url.host()? {
        url::Host::Ipv4(v4) => Some(IpAddr::V4(v4)),
        url::Host::Ipv6(v6) => Some(IpAddr::V6(v6)),
        url::Host::Domain(_) => None,
    }
}

/// Why the guard refused a request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GuardError {
    #[error("{host} resolves to {ip}, a loopback, private or link-local address")]
    Internal { host: String, ip: IpAddr },
    #[error("cannot resolve {host}: {reason}")]
    Resolve { host: String, reason: String },
    #[error("{host} has no address")]
    NoAddress { host: String },
}

/// Resolves `host` and checks every address; returns them when all are public.
pub async fn resolve_public(host: &str, port: u16) -> Result<Vec<SocketAddr>, GuardError> {
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host, port))
        .await
        .map_err(|e| GuardError::Resolve {
            host: host.to_owned(),
            reason: e.to_string(),
        })?
        .collect();
    if addrs.is_empty() {
        return Err(GuardError::NoAddress {
            host: host.to_owned(),
        });
    }
    if let Some(bad) = addrs.iter().find(|a| is_internal(a.ip())) {
        return Err(GuardError::Internal {
            host: host.to_owned(),
            ip: bad.ip(),
        });
    }
    Ok(addrs)
}

/// A reqwest resolver that refuses names resolving to any internal address.
#[derive(Debug, Default, Clone)]
pub struct PublicOnlyResolver;

impl Resolve for PublicOnlyResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addrs = resolve_public(&host, 0).await?;
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

/// Why a redirect was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RedirectError {
    #[error("more than {0} redirects")]
    TooMany(usize),
    #[error("redirect to an unsupported scheme {0:?}")]
    Scheme(String),
    #[error("redirect to an internal address {0}")]
    Internal(IpAddr),
}

/// The redirect policy: at most `max` hops, http(s) only, and (when `public_only`) no
/// IP-literal internal targets; internal names are caught by [`PublicOnlyResolver`].
pub fn redirect_policy(max: usize, public_only: bool) -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() > max {
            return attempt.error(RedirectError::TooMany(max));
        }
        let url = attempt.url();
        if !matches!(url.scheme(), "http" | "https") {
            let scheme = url.scheme().to_owned();
            return attempt.error(RedirectError::Scheme(scheme));
        }
        if public_only
            && let Some(ip) = literal_ip(url)
            && is_internal(ip)
        {
            return attempt.error(RedirectError::Internal(ip));
        }
        attempt.follow()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn internal_ranges_are_recognised() {
        for s in [
            "127.0.0.1",
            "127.8.9.10",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "255.255.255.255",
            "224.0.0.1",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
        ] {
            assert!(is_internal(ip(s)), "{s} should be internal");
        }
        for s in [
            "1.1.1.1",
            "93.184.216.34",
            "172.32.0.1",
            "100.128.0.1",
            "2a00:1450:4001::200e",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
        ] {
            assert!(!is_internal(ip(s)), "{s} should be public");
        }
    }

    #[test]
    fn literal_hosts_are_found() {
        let u = url::Url::parse("http://[::1]:8080/feed").unwrap();
        assert_eq!(literal_ip(&u), Some(ip("::1")));
        let u = url::Url::parse("http://example.org/feed").unwrap();
        assert_eq!(literal_ip(&u), None);
    }

    #[tokio::test]
    async fn localhost_is_refused_by_name() {
        let err = resolve_public("localhost", 80).await.unwrap_err();
        assert!(
            matches!(
                err,
                GuardError::Internal { .. } | GuardError::Resolve { .. }
            ),
            "{err}"
        );
    }
}
