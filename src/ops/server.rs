//! The HTTP server on `server.listen`: `/metrics` (Prometheus text format), `/healthz` (the
//! process answers) and `/readyz` (the last readiness checks, 503 with the reasons when one
//! failed). In webhook mode the same server carries Telegram's webhook: the instance holding
//! the `telegram` role installs teloxide's router in the [`WebhookSlot`], and every other path
//! goes there.

use super::health::Health;
use super::metrics;
use crate::shutdown::Shutdown;
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tower::ServiceExt;

/// Where the webhook's router goes while this instance receives Telegram's updates.
#[derive(Debug, Clone, Default)]
pub struct WebhookSlot(Arc<Mutex<Option<Router>>>);

impl WebhookSlot {
    pub fn install(&self, router: Router) {
        *self.lock() = Some(router);
    }

    pub fn clear(&self) {
        *self.lock() = None;
    }

    fn get(&self) -> Option<Router> {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Router>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
#[error("cannot listen on {address} (server.listen): {reason}")]
pub struct BindError {
    pub address: SocketAddr,
    pub reason: String,
}

#[derive(Clone)]
struct Shared {
    health: Arc<Health>,
    webhook: WebhookSlot,
}

/// The routes, with the webhook slot as the fallback.
pub fn router(health: Arc<Health>, webhook: WebhookSlot) -> Router {
    Router::new()
        .route("/metrics", get(metrics_page))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(readyz))
        .fallback(to_webhook)
        .with_state(Shared { health, webhook })
}

async fn metrics_page() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        metrics::render(),
    )
        .into_response()
}

async fn readyz(State(s): State<Shared>) -> Response {
    let r = s.health.readiness();
    let status = if r.ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, r.body).into_response()
}

async fn to_webhook(State(s): State<Shared>, req: Request<Body>) -> Response {
    match s.webhook.get() {
        Some(router) => match router.oneshot(req).await {
            Ok(resp) => resp,
            Err(never) => match never {},
        },
        None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

/// Binds `address` now, so a taken port stops the start-up with a clear error.
pub async fn bind(address: SocketAddr) -> Result<tokio::net::TcpListener, BindError> {
    tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| BindError {
            address,
            reason: e.to_string(),
        })
}

/// Serves `router` on `listener` until `shutdown`.
pub async fn serve(listener: tokio::net::TcpListener, router: Router, shutdown: Shutdown) {
    let address = listener.local_addr().ok();
    tracing::info!(address = ?address, "HTTP endpoints listening: /metrics /healthz /readyz");
    let stop = async move { shutdown.wait().await };
    if let Err(e) = axum::serve(listener, router)
        .with_graceful_shutdown(stop)
        .await
    {
        tracing::error!(error = %e, "the HTTP server stopped");
    }
}
