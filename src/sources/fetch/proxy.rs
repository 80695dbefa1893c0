//! Feeds and HTTP proxies. The environment's proxy variables (`HTTP_PROXY`, `HTTPS_PROXY`,
//! `ALL_PROXY`) are ignored: through a proxy the proxy resolves the names, so the
//! private-address guard would never see where a request goes. A proxy meant for feeds is
//! configured (`http.proxy`); then, unless private addresses are allowed, every target — the
//! first and each redirect — is resolved and checked here before the request leaves, and
//! redirects are followed here, one checked hop at a time.

use super::FetchError;
use super::guard::{self, GuardError};
use reqwest::header::LOCATION;

/// Applies the proxy setting to a client builder: none from the environment; `proxy` when
/// set. With a proxy and the guard on, reqwest follows no redirects (see [`send_checked`]).
pub fn apply(
    builder: reqwest::ClientBuilder,
    proxy: Option<&str>,
    public_only: bool,
) -> Result<reqwest::ClientBuilder, FetchError> {
    let builder = builder.no_proxy();
    let Some(raw) = proxy.map(str::trim).filter(|p| !p.is_empty()) else {
        return Ok(builder);
    };
    // The value is not echoed: it may hold a password.
    let proxy = reqwest::Proxy::all(raw)
        .map_err(|_| FetchError::Client("http.proxy is not a valid proxy URL".into()))?;
    let builder = builder.proxy(proxy);
    Ok(if public_only {
        builder.redirect(reqwest::redirect::Policy::none())
    } else {
        builder
    })
}

/// Refuses `url` when its host is, or resolves to, a loopback, private or link-local address.
pub async fn check_target(url: &url::Url) -> Result<(), FetchError> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::Redirect(format!(
            "redirect to an unsupported scheme {:?}",
            url.scheme()
        )));
    }
    if let Some(ip) = guard::literal_ip(url) {
        return match guard::is_internal(ip) {
            true => Err(FetchError::Internal(format!(
                "{ip} is a loopback, private or link-local address"
            ))),
            false => Ok(()),
        };
    }
    let host = url.host_str().unwrap_or("");
    let port = url.port_or_known_default().unwrap_or(80);
    match guard::resolve_public(host, port).await {
        Ok(_) => Ok(()),
        Err(e @ GuardError::Internal { .. }) => Err(FetchError::Internal(e.to_string())),
        Err(e) => Err(FetchError::Connect(e.to_string())),
    }
}

/// Sends the request `make` builds for `first` through the proxy, checking every target
/// first and following at most `max_redirects` redirects by hand.
pub async fn send_checked<F>(
    first: url::Url,
    max_redirects: usize,
    make: F,
) -> Result<reqwest::Response, Hop>
where
    F: Fn(url::Url) -> reqwest::RequestBuilder,
{
    let mut url = first;
    for _ in 0..=max_redirects {
        check_target(&url).await.map_err(Hop::Refused)?;
        let response = make(url.clone()).send().await.map_err(Hop::Http)?;
        if !response.status().is_redirection() {
            return Ok(response);
        }
        let Some(next) = response
            .headers()
            .get(LOCATION)
            .and_then(|l| l.to_str().ok())
            .and_then(|l| url.join(l).ok())
        else {
            return Ok(response);
        };
        url = next;
    }
    Err(Hop::Refused(FetchError::Redirect(format!(
        "more than {max_redirects} redirects"
    ))))
}

/// Why a checked send stopped: the guard refused a target, or HTTP failed.
#[derive(Debug)]
pub enum Hop {
    Refused(FetchError),
    Http(reqwest::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn internal_targets_are_refused_before_any_request() {
        for bad in [
            "http://localhost:9/feed",
            "http://127.0.0.1:9/feed",
            "http://[::1]:9/feed",
            "http://10.1.2.3/rss",
        ] {
            let url = url::Url::parse(bad).unwrap();
            let err = check_target(&url).await.unwrap_err();
            assert!(
                matches!(err, FetchError::Internal(_) | FetchError::Connect(_)),
                "{bad}: {err}"
            );
        }
        assert!(
            check_target(&url::Url::parse("http://93.184.216.34/rss").unwrap())
                .await
                .is_ok()
        );
    }

    #[test]
    fn a_bad_proxy_url_is_a_clear_error_without_its_password() {
        let err = apply(
            reqwest::Client::builder(),
            Some("::not a url::u:SECRET@"),
            true,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("http.proxy") && !err.contains("SECRET"),
            "{err}"
        );
    }
}
