-- Loss tallies as series (docs/series.md). Every dated figure of a known claimant is a point:
-- claimant, metric, scope ('all', 'axis:<name>', 'group:<name>'), period, reporting day
-- (Kyiv), value. The same value for the same day is one point (restated counts the other
-- claims that stated it); a different value for the same day is a second point, and both are
-- flagged as a correction. Points of claims already stored are filled in by the store right
-- after this migration (the reporting day needs Kyiv's calendar).
CREATE TABLE series_points (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claimant_id TEXT        NOT NULL,
    metric      TEXT        NOT NULL,
    scope       TEXT        NOT NULL DEFAULT 'all',
    period      TEXT        NOT NULL CHECK (period IN ('day', 'week', 'month', 'year', 'total')),
    day         DATE        NOT NULL,
    value       BIGINT      NOT NULL,
    delta       BIGINT,
    qualifier   TEXT        CHECK (qualifier IN ('up_to', 'more_than', 'about')),
    claim_id    BIGINT      REFERENCES claims (id) ON DELETE SET NULL,
    source_id   BIGINT      REFERENCES sources (id),
    restated    BIGINT      NOT NULL DEFAULT 0,
    correction  BOOLEAN     NOT NULL DEFAULT FALSE,
    recorded_at TIMESTAMPTZ NOT NULL,
    UNIQUE (claimant_id, metric, scope, period, day, value)
);
CREATE INDEX series_points_day ON series_points (claimant_id, metric, scope, period, day);

-- The weekly chart in the digest: ISO weekday (1 = Monday … 7 = Sunday), 0 for none.
ALTER TABLE subscribers ADD COLUMN chart_weekday BIGINT NOT NULL DEFAULT 1
    CHECK (chart_weekday BETWEEN 0 AND 7);

-- Chart images sent as photos, stored once for every chat that gets the same one; Telegram's
-- file id is kept after the first upload so later sends do not upload it again.
CREATE TABLE chart_images (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key         TEXT        NOT NULL UNIQUE,
    png         BYTEA       NOT NULL,
    file_id     TEXT,
    created_at  TIMESTAMPTZ NOT NULL
);
-- An outbox message with a photo is sent with sendPhoto; its body is the caption.
ALTER TABLE outbox ADD COLUMN photo_id BIGINT REFERENCES chart_images (id);
