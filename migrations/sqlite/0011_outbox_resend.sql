-- A message in doubt after a crash is sent again, marked (`delivery.in_doubt = "resend"`):
-- how many times each message was sent again, and when last.
ALTER TABLE outbox ADD COLUMN resends INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN resent_at INTEGER;

-- Messages in doubt waiting to be sent again.
CREATE INDEX outbox_in_doubt ON outbox (id) WHERE state = 'in_doubt';
-- `/stats`: messages resent after a crash in the last day.
CREATE INDEX outbox_resent ON outbox (resent_at) WHERE resent_at IS NOT NULL;
