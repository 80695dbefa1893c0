-- Ingest: the time-to-live a feed declares (RSS <ttl>, in seconds), kept so that polls
-- answered 304 still honour it.
ALTER TABLE sources ADD COLUMN ttl_secs INTEGER;
