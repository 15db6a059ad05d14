-- Users and Stripe customers whose billing data was erased: Stripe's later events about them (the cancellations
-- that deleting the customer causes, customer.deleted) have no effect and their payloads are not kept.
CREATE TABLE erasures (
    user_id            uuid PRIMARY KEY,
    stripe_customer_id varchar(255),
    erased_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX erasures_customer_idx ON erasures (stripe_customer_id) WHERE stripe_customer_id IS NOT NULL;

-- A user's ledger is paged by id; refunds of a charge are summed by the charge part of their reference.
DROP INDEX ledger_entries_user_idx;
CREATE INDEX ledger_entries_user_idx ON ledger_entries (user_id, id DESC);
CREATE INDEX ledger_entries_refund_charge_idx ON ledger_entries (split_part(reference, '@', 1)) WHERE kind = 'REFUND';

-- Old payloads are pruned once processed (retention); this finds them.
CREATE INDEX stripe_events_processed_idx ON stripe_events (processed_at) WHERE processed_at IS NOT NULL;
