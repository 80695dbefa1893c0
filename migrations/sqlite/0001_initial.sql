-- claimwatch schema for SQLite. Timestamps are INTEGER milliseconds since the Unix epoch (UTC),
-- so they compare and sort correctly. Never edit an applied migration: add a new file.

CREATE TABLE sources (
    id              INTEGER PRIMARY KEY,
    url             TEXT    NOT NULL UNIQUE,            -- canonical address (feed URL or https://t.me/s/<name>)
    kind            TEXT    NOT NULL CHECK (kind IN ('feed', 'telegram')),
    title           TEXT,
    lang            TEXT,
    interval_secs   INTEGER,
    origin          TEXT    NOT NULL DEFAULT 'runtime' CHECK (origin IN ('config', 'runtime')),
    etag            TEXT,
    last_modified   TEXT,
    next_check_at   INTEGER NOT NULL,
    last_success_at INTEGER,
    last_error      TEXT,
    last_error_at   INTEGER,
    error_count     INTEGER NOT NULL DEFAULT 0,
    paused          INTEGER NOT NULL DEFAULT 0,
    paused_reason   TEXT,
    backfill_cursor TEXT,
    removed_at      INTEGER,                            -- soft delete: items stay
    created_at      INTEGER NOT NULL
);
CREATE INDEX sources_due ON sources (next_check_at) WHERE paused = 0 AND removed_at IS NULL;

CREATE TABLE stories (
    id             INTEGER PRIMARY KEY,
    first_item_id  INTEGER NOT NULL,
    title          TEXT    NOT NULL DEFAULT '',
    first_seen_at  INTEGER NOT NULL,
    last_seen_at   INTEGER NOT NULL,
    item_count     INTEGER NOT NULL DEFAULT 1,
    source_count   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX stories_first_seen ON stories (first_seen_at);

CREATE TABLE items (
    id             INTEGER PRIMARY KEY,
    source_id      INTEGER NOT NULL REFERENCES sources (id),
    external_id    TEXT    NOT NULL,
    url            TEXT,
    title          TEXT    NOT NULL DEFAULT '',
    text           TEXT    NOT NULL,
    lang           TEXT    NOT NULL,
    published_at   INTEGER NOT NULL,
    fetched_at     INTEGER NOT NULL,
    content_hash   TEXT    NOT NULL,
    author         TEXT,
    forwarded_from TEXT,
    views          INTEGER,
    media          TEXT    NOT NULL DEFAULT '',         -- comma-separated kinds
    edited         INTEGER NOT NULL DEFAULT 0,
    story_id       INTEGER REFERENCES stories (id),
    UNIQUE (source_id, external_id)
);
CREATE UNIQUE INDEX items_url ON items (url) WHERE url IS NOT NULL;
CREATE UNIQUE INDEX items_content_hash ON items (content_hash);
CREATE INDEX items_published ON items (published_at);
CREATE INDEX items_story ON items (story_id);

CREATE TABLE claims (
    id          INTEGER PRIMARY KEY,
    story_id    INTEGER NOT NULL REFERENCES stories (id),
    item_id     INTEGER NOT NULL REFERENCES items (id),
    category    TEXT    NOT NULL CHECK (category IN ('refusal', 'losses')),
    claimant    TEXT,
    side        TEXT CHECK (side IN ('russia', 'ukraine')),
    unit        TEXT,
    location    TEXT,
    evidence    TEXT    NOT NULL DEFAULT '[]',          -- JSON array of strings
    claimed_at  INTEGER NOT NULL
);
CREATE INDEX claims_story ON claims (story_id);
CREATE INDEX claims_claimed_at ON claims (claimed_at);
CREATE INDEX claims_category_time ON claims (category, claimed_at);

CREATE TABLE claim_figures (
    claim_id   INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    metric     TEXT    NOT NULL,
    value      INTEGER NOT NULL,
    delta      INTEGER,
    cumulative INTEGER,
    PRIMARY KEY (claim_id, position)
);

-- Keyword search: stems of the claim's item (title, text) and fields; rowid = claims.id.
CREATE VIRTUAL TABLE claims_fts USING fts5 (terms, tokenize = 'unicode61 remove_diacritics 0');

CREATE TABLE subscribers (
    id              INTEGER PRIMARY KEY,
    chat_id         INTEGER NOT NULL UNIQUE,
    kind            TEXT    NOT NULL CHECK (kind IN ('private', 'group', 'supergroup', 'channel')),
    title           TEXT,
    active          INTEGER NOT NULL DEFAULT 1,
    subscribed      INTEGER NOT NULL DEFAULT 1,
    inactive_reason TEXT,
    topics          TEXT    NOT NULL DEFAULT 'refusal,losses',
    digest_time     TEXT    NOT NULL DEFAULT '09:00',
    timezone        TEXT    NOT NULL DEFAULT 'Europe/Kyiv',
    ui_lang         TEXT    NOT NULL DEFAULT 'en',
    keywords        TEXT    NOT NULL DEFAULT '[]',      -- JSON array of strings
    last_digest_at  INTEGER,
    next_digest_at  INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX subscribers_due ON subscribers (next_digest_at) WHERE active = 1 AND subscribed = 1;

-- Stories each chat has already been sent: a story is never in two digests of one chat.
CREATE TABLE delivered_stories (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    story_id      INTEGER NOT NULL REFERENCES stories (id),
    outbox_period TEXT    NOT NULL,
    PRIMARY KEY (subscriber_id, story_id)
);

-- The delivery outbox: one row per (chat, digest period, part), written before sending.
CREATE TABLE outbox (
    id                  INTEGER PRIMARY KEY,
    subscriber_id       INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    period              TEXT    NOT NULL,               -- e.g. "digest:2026-11-21T07:00:00Z"
    part                INTEGER NOT NULL DEFAULT 0,
    parts               INTEGER NOT NULL DEFAULT 1,
    body                TEXT    NOT NULL,
    state               TEXT    NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'in_doubt')),
    attempts            INTEGER NOT NULL DEFAULT 0,
    next_attempt_at     INTEGER NOT NULL,
    lease_owner         TEXT,
    lease_until         INTEGER,
    last_error          TEXT,
    telegram_message_id INTEGER,
    created_at          INTEGER NOT NULL,
    sent_at             INTEGER,
    UNIQUE (subscriber_id, period, part)
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
