-- Named leases: one holder at a time, until it expires (leader election for the Telegram
-- update loop when several instances share one database).
CREATE TABLE leases (
    name       TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
