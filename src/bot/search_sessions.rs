//! Searches kept for paging: ◀ ▶ buttons carry a short session id instead of the query (which
//! may be far longer than callback data's 64 bytes). Held in memory, the newest `capacity`
//! only; a button of a forgotten search (evicted, or from before a restart) asks the user to
//! search again.

use crate::model::Lang;
use chrono::{DateTime, Utc};
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// One search as the user asked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchSession {
    pub chat_id: i64,
    /// What the user typed (for the header), already length-checked.
    pub query: String,
    pub terms: Vec<String>,
    pub days: u32,
    /// The language the search was answered in; its pages keep it.
    pub lang: Lang,
    /// Fixed when the search was made, so every page shows the same result set.
    pub since: DateTime<Utc>,
}

#[derive(Debug, Default)]
struct Inner {
    next: u64,
    map: HashMap<u64, SearchSession>,
    order: VecDeque<u64>,
}

/// The kept searches.
#[derive(Debug)]
pub struct SearchSessions {
    inner: Mutex<Inner>,
    capacity: usize,
}

impl SearchSessions {
    pub fn new(capacity: usize) -> Self {
        SearchSessions {
            inner: Mutex::new(Inner {
                // Start from a random point so ids from before a restart rarely collide.
                next: fastrand::u64(1..u64::MAX / 2),
                ..Inner::default()
            }),
            capacity: capacity.max(1),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Keeps a search and returns its id.
    pub fn insert(&self, session: SearchSession) -> u64 {
        let mut g = self.lock();
        let id = g.next;
        g.next = g.next.wrapping_add(1).max(1);
        g.map.insert(id, session);
        g.order.push_back(id);
        while g.order.len() > self.capacity {
            if let Some(old) = g.order.pop_front() {
                g.map.remove(&old);
            }
        }
        id
    }

    /// The search `id`, if it is kept and belongs to `chat_id`.
    pub fn get(&self, id: u64, chat_id: i64) -> Option<SearchSession> {
        self.lock()
            .map
            .get(&id)
            .filter(|s| s.chat_id == chat_id)
            .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(chat_id: i64) -> SearchSession {
        SearchSession {
            chat_id,
            query: "q".into(),
            terms: vec!["q".into()],
            days: 30,
            lang: Lang::En,
            since: Utc::now(),
        }
    }

    #[test]
    fn keeps_the_newest_and_checks_the_chat() {
        let s = SearchSessions::new(2);
        let a = s.insert(session(1));
        let b = s.insert(session(1));
        assert!(s.get(a, 1).is_some());
        assert!(s.get(b, 2).is_none(), "another chat's search");
        let c = s.insert(session(1));
        assert!(s.get(a, 1).is_none(), "evicted");
        assert!(s.get(b, 1).is_some() && s.get(c, 1).is_some());
    }
}
