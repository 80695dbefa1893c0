-- Digests and delivery: indexes for the scheduler's and the delivery worker's queries.

-- The General Staff's latest running totals (the digest's losses block).
CREATE INDEX claims_claimant_time ON claims (lower(claimant), category, claimed_at);

-- Subscribers still waiting for their first digest time.
CREATE INDEX subscribers_unscheduled ON subscribers (id)
    WHERE next_digest_at IS NULL AND active AND subscribed;

-- Sends left in flight by a process that died (resolved to in_doubt).
CREATE INDEX outbox_sending ON outbox (lease_until) WHERE state = 'sending';
