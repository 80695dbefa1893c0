-- What a claim's figures mean and who the claimant is, beyond the text: the canonical
-- claimant, another war's claims kept apart, each figure's period, qualifier and range.
ALTER TABLE claims ADD COLUMN claimant_id TEXT;
ALTER TABLE claims ADD COLUMN other_conflict INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claim_figures ADD COLUMN period TEXT
    CHECK (period IN ('day', 'week', 'month', 'year', 'total', 'event'));
ALTER TABLE claim_figures ADD COLUMN qualifier TEXT
    CHECK (qualifier IN ('up_to', 'more_than', 'about'));
ALTER TABLE claim_figures ADD COLUMN low INTEGER;
ALTER TABLE claim_figures ADD COLUMN high INTEGER;
-- Figures stored before this migration knew only running totals.
UPDATE claim_figures SET period = 'total' WHERE cumulative = 1;
