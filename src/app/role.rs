//! Roles: work that one instance at a time must do over a shared database (classifying and
//! clustering, sending digests, reading Telegram updates). An instance takes a role by taking
//! its lease, renews it every third of its time-to-live, and stops the role's work when it cannot
//! renew; when an instance dies, another takes the role once the lease runs out.

use crate::clock::Clock;
use crate::shutdown::Shutdown;
use crate::store::Store;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

/// A role's name and lease timing.
#[derive(Debug, Clone)]
pub struct Role {
    pub name: &'static str,
    /// The lease's time-to-live; renewed every third of it, tried for every third of it.
    pub ttl: Duration,
}

impl Role {
    fn renew_every(&self) -> Duration {
        (self.ttl / 3).max(Duration::from_millis(50))
    }
}

/// Runs `work` whenever this instance (`owner`) holds `role`, until `shutdown`. `work` gets a
/// shutdown of its own, triggered when the role is lost or the instance stops; it must return
/// soon after. The lease is released on a clean stop so another instance takes over at once.
pub async fn hold_role<F, Fut>(
    store: Arc<dyn Store>,
    role: Role,
    owner: String,
    clock: Arc<dyn Clock>,
    shutdown: Shutdown,
    mut work: F,
) where
    F: FnMut(Shutdown) -> Fut,
    Fut: Future<Output = ()>,
{
    let every = role.renew_every();
    while !shutdown.is_triggered() {
        match store
            .acquire_lease(role.name, &owner, clock.now(), role.ttl)
            .await
        {
            Ok(true) => {
                tracing::info!(role = role.name, "this instance took the role");
                let stop = Shutdown::new();
                let task = work(stop.clone());
                tokio::pin!(task);
                let mut finished = false;
                loop {
                    tokio::select! {
                        _ = &mut task => {
                            finished = true;
                            break;
                        }
                        _ = tokio::time::sleep(every) => {
                            match store.acquire_lease(role.name, &owner, clock.now(), role.ttl).await {
                                Ok(true) => {}
                                Ok(false) => {
                                    tracing::warn!(role = role.name, "role lost to another instance");
                                    break;
                                }
                                Err(e) => {
                                    tracing::warn!(role = role.name, error = %e, "cannot renew the role; stopping its work");
                                    break;
                                }
                            }
                        }
                        _ = shutdown.wait() => break,
                    }
                }
                stop.trigger();
                if !finished {
                    task.await;
                }
                if shutdown.is_triggered() {
                    if let Err(e) = store.release_lease(role.name, &owner).await {
                        tracing::warn!(role = role.name, error = %e, "cannot release the role");
                    }
                    return;
                }
            }
            Ok(false) => {}
            Err(e) => tracing::warn!(role = role.name, error = %e, "cannot take the role"),
        }
        if !shutdown.sleep(every).await {
            return;
        }
    }
}

/// Runs `work` once while this process (`owner`) holds `role`, renewing the lease meanwhile,
/// and releases it after; `Ok(None)`, without running `work`, when another holds the role.
/// `work` gets a shutdown that fires if the role is lost (it must then return soon).
pub async fn with_role<F, Fut, T>(
    store: &dyn Store,
    role: &Role,
    owner: &str,
    clock: &dyn Clock,
    work: F,
) -> Result<Option<T>, crate::store::StoreError>
where
    F: FnOnce(Shutdown) -> Fut,
    Fut: Future<Output = T>,
{
    if !store
        .acquire_lease(role.name, owner, clock.now(), role.ttl)
        .await?
    {
        return Ok(None);
    }
    let lost = Shutdown::new();
    let task = work(lost.clone());
    tokio::pin!(task);
    let out = loop {
        tokio::select! {
            out = &mut task => break out,
            _ = tokio::time::sleep(role.renew_every()) => {
                let renewed = store.acquire_lease(role.name, owner, clock.now(), role.ttl).await;
                if !matches!(renewed, Ok(true)) && !lost.is_triggered() {
                    tracing::warn!(role = role.name, "role lost; stopping after the message in flight");
                    lost.trigger();
                }
            }
        }
    };
    if let Err(e) = store.release_lease(role.name, owner).await {
        tracing::warn!(role = role.name, error = %e, "cannot release the role");
    }
    Ok(Some(out))
}

/// A name for this instance: host, process id and a random part.
pub fn instance_id() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "host".into());
    format!("{host}:{}:{:04x}", std::process::id(), fastrand::u16(..))
}
