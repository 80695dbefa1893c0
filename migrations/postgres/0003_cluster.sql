-- Cluster window rebuild at start-up reads the claims of the items in the window by item.
CREATE INDEX IF NOT EXISTS claims_item ON claims (item_id);
