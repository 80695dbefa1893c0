-- claimwatch schema for PostgreSQL. Mirrors migrations/sqlite/0001_initial.sql with native
-- types: TIMESTAMPTZ, BOOLEAN, BIGINT identities, a tsvector for search. Never edit an
-- applied migration: add a new file.

CREATE TABLE sources (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url             TEXT        NOT NULL UNIQUE,
    kind            TEXT        NOT NULL CHECK (kind IN ('feed', 'telegram')),
    title           TEXT,
    lang            TEXT,
    interval_secs   BIGINT,
    origin          TEXT        NOT NULL DEFAULT 'runtime' CHECK (origin IN ('config', 'runtime')),
    etag            TEXT,
    last_modified   TEXT,
    next_check_at   TIMESTAMPTZ NOT NULL,
    last_success_at TIMESTAMPTZ,
    last_error      TEXT,
    last_error_at   TIMESTAMPTZ,
    error_count     BIGINT      NOT NULL DEFAULT 0,
    paused          BOOLEAN     NOT NULL DEFAULT FALSE,
    paused_reason   TEXT,
    backfill_cursor TEXT,
    removed_at      TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX sources_due ON sources (next_check_at) WHERE NOT paused AND removed_at IS NULL;

CREATE TABLE stories (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    first_item_id BIGINT      NOT NULL,
    title         TEXT        NOT NULL DEFAULT '',
    first_seen_at TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ NOT NULL,
    item_count    BIGINT      NOT NULL DEFAULT 1,
    source_count  BIGINT      NOT NULL DEFAULT 1
);
CREATE INDEX stories_first_seen ON stories (first_seen_at);

CREATE TABLE items (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id      BIGINT      NOT NULL REFERENCES sources (id),
    external_id    TEXT        NOT NULL,
    url            TEXT,
    title          TEXT        NOT NULL DEFAULT '',
    text           TEXT        NOT NULL,
    lang           TEXT        NOT NULL,
    published_at   TIMESTAMPTZ NOT NULL,
    fetched_at     TIMESTAMPTZ NOT NULL,
    content_hash   TEXT        NOT NULL,
    author         TEXT,
    forwarded_from TEXT,
    views          BIGINT,
    media          TEXT        NOT NULL DEFAULT '',
    edited         BOOLEAN     NOT NULL DEFAULT FALSE,
    story_id       BIGINT REFERENCES stories (id),
    UNIQUE (source_id, external_id)
);
CREATE UNIQUE INDEX items_url ON items (url) WHERE url IS NOT NULL;
CREATE UNIQUE INDEX items_content_hash ON items (content_hash);
CREATE INDEX items_published ON items (published_at);
CREATE INDEX items_story ON items (story_id);

CREATE TABLE claims (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    story_id   BIGINT      NOT NULL REFERENCES stories (id),
    item_id    BIGINT      NOT NULL REFERENCES items (id),
    category   TEXT        NOT NULL CHECK (category IN ('refusal', 'losses')),
    claimant   TEXT,
    side       TEXT CHECK (side IN ('russia', 'ukraine')),
    unit       TEXT,
    location   TEXT,
    evidence   TEXT        NOT NULL DEFAULT '[]',
    claimed_at TIMESTAMPTZ NOT NULL,
    -- Stemmed words of the claim's item and fields (see src/text/stem.rs), searched by prefix.
    terms      TSVECTOR    NOT NULL DEFAULT ''::tsvector
);
CREATE INDEX claims_story ON claims (story_id);
CREATE INDEX claims_claimed_at ON claims (claimed_at);
CREATE INDEX claims_category_time ON claims (category, claimed_at);
CREATE INDEX claims_terms ON claims USING GIN (terms);

CREATE TABLE claim_figures (
    claim_id   BIGINT  NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    position   BIGINT  NOT NULL,
    metric     TEXT    NOT NULL,
    value      BIGINT  NOT NULL,
    delta      BIGINT,
    cumulative BOOLEAN,
    PRIMARY KEY (claim_id, position)
);

CREATE TABLE subscribers (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chat_id         BIGINT      NOT NULL UNIQUE,
    kind            TEXT        NOT NULL CHECK (kind IN ('private', 'group', 'supergroup', 'channel')),
    title           TEXT,
    active          BOOLEAN     NOT NULL DEFAULT TRUE,
    subscribed      BOOLEAN     NOT NULL DEFAULT TRUE,
    inactive_reason TEXT,
    topics          TEXT        NOT NULL DEFAULT 'refusal,losses',
    digest_time     TEXT        NOT NULL DEFAULT '09:00',
    timezone        TEXT        NOT NULL DEFAULT 'Europe/Kyiv',
    ui_lang         TEXT        NOT NULL DEFAULT 'en',
    keywords        TEXT        NOT NULL DEFAULT '[]',
    last_digest_at  TIMESTAMPTZ,
    next_digest_at  TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX subscribers_due ON subscribers (next_digest_at) WHERE active AND subscribed;

CREATE TABLE delivered_stories (
    subscriber_id BIGINT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    story_id      BIGINT NOT NULL REFERENCES stories (id),
    outbox_period TEXT   NOT NULL,
    PRIMARY KEY (subscriber_id, story_id)
);

CREATE TABLE outbox (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscriber_id       BIGINT      NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    period              TEXT        NOT NULL,
    part                BIGINT      NOT NULL DEFAULT 0,
    parts               BIGINT      NOT NULL DEFAULT 1,
    body                TEXT        NOT NULL,
    state               TEXT        NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'in_doubt')),
    attempts            BIGINT      NOT NULL DEFAULT 0,
    next_attempt_at     TIMESTAMPTZ NOT NULL,
    lease_owner         TEXT,
    lease_until         TIMESTAMPTZ,
    last_error          TEXT,
    telegram_message_id BIGINT,
    created_at          TIMESTAMPTZ NOT NULL,
    sent_at             TIMESTAMPTZ,
    UNIQUE (subscriber_id, period, part)
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
