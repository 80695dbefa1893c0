-- The pipeline: when an item was classified (and filed in a story when relevant). Items
-- stored but not processed yet (a crash between polling and classifying) are picked up again.
ALTER TABLE items ADD COLUMN processed_at INTEGER;
CREATE INDEX items_unprocessed ON items (id) WHERE processed_at IS NULL;
