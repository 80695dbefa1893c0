//! Roles: work that one instance at a time must do over a shared database (classifying and
//! clustering; talking to Telegram). An instance takes a role by taking its lease, renews it
//! every third of its time-to-live, and stops the role's work when another took it or when its
//! lease ran out unrenewed; when an instance dies, another takes the role once the lease runs
//! out. While the storage is unavailable a renewal cannot succeed, but nobody else can take the
//! role either: the work goes on until the lease would have run out (or, for a role that keeps
//! through faults — one SQLite file serves one instance — for as long as the fault lasts).

use crate::clock::Clock;
use crate::shutdown::Shutdown;
use crate::storage::log_store_error;
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// A role's name and lease timing.
#[derive(Debug, Clone)]
pub struct Role {
    pub name: &'static str,
    /// The lease's time-to-live; renewed every third of it, tried for every third of it.
    pub ttl: Duration,
    /// Keep (or take) the role while the storage is unavailable: for a database only this
    /// instance uses (SQLite), so the bot still answers ("not saved") during a fault.
    pub keep_through_faults: bool,
}

impl Role {
    fn renew_every(&self) -> Duration {
        (self.ttl / 3).max(Duration::from_millis(50))
    }

    fn expiry(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now + chrono::Duration::from_std(self.ttl).unwrap_or(chrono::Duration::seconds(30))
    }

    /// Whether this failed renewal or take still lets the work go on.
    fn tolerates(&self, e: &StoreError) -> bool {
        self.keep_through_faults && e.is_unavailable()
    }
}

/// What one turn of [`hold_role`] came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Turn {
    /// Another instance holds the role, or the storage could not say: try again later.
    NotTaken,
    /// The role was held and its work ran until the role was lost or its lease ran out.
    Lost,
    /// The instance is stopping; the work has returned.
    Stopped,
}

/// What one renewal of a held lease came to.
enum Renewal {
    Kept,
    Lost,
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
    let holder = Holder {
        store: store.as_ref(),
        role: &role,
        owner: &owner,
        clock: clock.as_ref(),
        shutdown: &shutdown,
    };
    while !shutdown.is_triggered() {
        if holder.turn(&mut work).await == Turn::Stopped {
            if let Err(e) = store.release_lease(role.name, &owner).await {
                tracing::warn!(role = role.name, error = %e, "cannot release the role");
            }
            return;
        }
        if !shutdown.sleep(role.renew_every()).await {
            return;
        }
    }
}

/// One instance's hold on one role.
struct Holder<'a> {
    store: &'a dyn Store,
    role: &'a Role,
    owner: &'a str,
    clock: &'a dyn Clock,
    shutdown: &'a Shutdown,
}

impl Holder<'_> {
    /// Takes the role if it can, and runs `work` while it holds it.
    async fn turn<F, Fut>(&self, work: &mut F) -> Turn
    where
        F: FnMut(Shutdown) -> Fut,
        Fut: Future<Output = ()>,
    {
        if !self.take().await {
            return Turn::NotTaken;
        }
        tracing::info!(role = self.role.name, "this instance took the role");
        let stop = Shutdown::new();
        let task = work(stop.clone());
        let unfinished = self.keep(task).await;
        stop.trigger();
        if let Some(task) = unfinished {
            task.await;
        }
        if self.shutdown.is_triggered() {
            Turn::Stopped
        } else {
            Turn::Lost
        }
    }

    /// Whether this instance now holds the role (or keeps it through a storage fault).
    async fn take(&self) -> bool {
        let now = self.clock.now();
        match self
            .store
            .acquire_lease(self.role.name, self.owner, now, self.role.ttl)
            .await
        {
            Ok(taken) => taken,
            Err(e) if self.role.tolerates(&e) => true,
            Err(e) => {
                log_store_error(&e, "cannot take a role");
                false
            }
        }
    }

    /// Renews the role while `task` runs; returns the task when it must still be awaited (the
    /// role was lost, its lease ran out, or shutdown), `None` when it finished by itself.
    ///
    /// The renewals run beside the task, never instead of it: a renewal waits for the
    /// database's one writer connection, which the task may hold in a write it cannot finish
    /// unless it is polled (with SQLite's single writer, both then waited for the pool's 30 s
    /// timeout).
    async fn keep<Fut: Future<Output = ()>>(&self, task: Fut) -> Option<Pin<Box<Fut>>> {
        let mut task = Box::pin(task);
        tokio::select! {
            _ = &mut task => None,
            _ = self.renew_until_lost() => Some(task),
            _ = self.shutdown.wait() => Some(task),
        }
    }

    /// Renews the lease every third of its time-to-live; returns once the role is lost.
    async fn renew_until_lost(&self) {
        let mut valid_until = self.role.expiry(self.clock.now());
        loop {
            tokio::time::sleep(self.role.renew_every()).await;
            if let Renewal::Lost = self.renew(&mut valid_until).await {
                return;
            }
        }
    }

    /// Renews the lease once; a failed renewal keeps the role while its lease runs.
    async fn renew(&self, valid_until: &mut DateTime<Utc>) -> Renewal {
        let (name, now) = (self.role.name, self.clock.now());
        match self
            .store
            .acquire_lease(name, self.owner, now, self.role.ttl)
            .await
        {
            Ok(true) => {
                *valid_until = self.role.expiry(now);
                Renewal::Kept
            }
            Ok(false) => {
                tracing::warn!(role = name, "role lost to another instance");
                Renewal::Lost
            }
            Err(e) if self.role.tolerates(&e) || now < *valid_until => {
                log_store_error(&e, "cannot renew a role; keeping it while its lease runs");
                Renewal::Kept
            }
            Err(e) => {
                // An unavailable storage is reported by its health, once per outage.
                if e.is_unavailable() {
                    tracing::info!(role = name, error = %e, "the role's lease ran out unrenewed; stopping its work");
                } else {
                    tracing::warn!(role = name, error = %e, "the role's lease ran out unrenewed; stopping its work");
                }
                Renewal::Lost
            }
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
    // Renewals beside the work, never instead of it (see `Holder::keep`).
    let renewals = async {
        loop {
            tokio::time::sleep(role.renew_every()).await;
            let renewed = store
                .acquire_lease(role.name, owner, clock.now(), role.ttl)
                .await;
            if !matches!(renewed, Ok(true)) {
                tracing::warn!(
                    role = role.name,
                    "role lost; stopping after the message in flight"
                );
                lost.trigger();
                return;
            }
        }
    };
    tokio::pin!(task, renewals);
    let out = tokio::select! {
        out = &mut task => out,
        () = &mut renewals => task.await,
    };
    if let Err(e) = store.release_lease(role.name, owner).await {
        tracing::warn!(role = role.name, error = %e, "cannot release the role");
    }
    Ok(Some(out))
}

/// Whether the lease `holder` names a process of this host that is no longer running (a
/// command or an instance killed before it could release its role). Unknown forms, other hosts
/// and running processes are not dead.
pub fn holder_is_dead_here(holder: &str) -> bool {
    let name = holder.strip_prefix("cli:").unwrap_or(holder);
    let mut parts = name.rsplitn(3, ':');
    let (Some(_random), Some(pid), Some(host)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    let ours = instance_id();
    let our_host = ours.rsplitn(3, ':').nth(2).unwrap_or("");
    host == our_host
        && pid != std::process::id()
        && std::path::Path::new("/proc/self").exists()
        && !std::path::Path::new("/proc").join(pid.to_string()).exists()
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// The work writes back to back, so it always holds SQLite's one writer connection when a
    /// renewal is due. Renewals that ran instead of the work waited for that connection until
    /// the pool gave up (30 s) and the lease ran out; beside it, the lease stays current.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn renewals_go_on_while_the_work_holds_the_writer() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("roles.db").display());
        let store = crate::store::open(&url).await.unwrap();
        let clock: Arc<dyn Clock> = Arc::new(crate::clock::SystemClock);
        let role = Role {
            name: "busy",
            ttl: Duration::from_millis(300),
            keep_through_faults: false,
        };
        let (shutdown, writes, turns) = (Shutdown::new(), AtomicUsize::new(0), AtomicUsize::new(0));
        let holding = hold_role(
            store.clone(),
            role,
            "me".into(),
            clock.clone(),
            shutdown.clone(),
            |stop| {
                turns.fetch_add(1, Ordering::SeqCst);
                let (store, clock, writes) = (store.clone(), clock.clone(), &writes);
                async move {
                    while !stop.is_triggered() {
                        let _ = store
                            .acquire_lease("other", "me", clock.now(), Duration::from_secs(60))
                            .await;
                        writes.fetch_add(1, Ordering::SeqCst);
                    }
                }
            },
        );
        let check = async {
            tokio::time::sleep(Duration::from_secs(2)).await;
            let holder = store.lease_holder("busy", clock.now()).await.unwrap();
            shutdown.trigger();
            holder
        };
        let ((), holder) = tokio::time::timeout(Duration::from_secs(20), async {
            tokio::join!(holding, check)
        })
        .await
        .expect("the role's holder stops at shutdown");
        assert_eq!(
            holder.as_deref(),
            Some("me"),
            "the lease was renewed while the work wrote"
        );
        assert_eq!(turns.load(Ordering::SeqCst), 1, "the role was never lost");
        assert!(
            writes.load(Ordering::SeqCst) > 100,
            "the work went on: {writes:?}"
        );
    }

    #[test]
    fn a_holder_is_dead_only_when_it_is_a_gone_process_of_this_host() {
        let me = instance_id();
        assert!(!holder_is_dead_here(&me), "this process runs");
        let host = me.rsplitn(3, ':').nth(2).unwrap().to_owned();
        // Beyond the kernel's largest pid: no such process.
        assert!(holder_is_dead_here(&format!("cli:{host}:4999999:0abc")));
        assert!(holder_is_dead_here(&format!("{host}:4999999:0abc")));
        assert!(!holder_is_dead_here("other-host:4999999:0abc"));
        assert!(!holder_is_dead_here("garbage"));
        assert!(
            !holder_is_dead_here(&format!("{host}:1:0abc")),
            "pid 1 runs"
        );
    }
}
