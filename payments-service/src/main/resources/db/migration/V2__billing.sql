-- Billing mirror, webhook events and the ledger. Amounts are in minor units (cents) with their ISO 4217 currency
-- in lower case, as Stripe sends them.

-- Every Stripe event we received (webhook) or recovered (reconciliation). The primary key on Stripe's event id
-- makes a second delivery a no-op; processed_at is set in the same transaction as the event's effect.
CREATE TABLE stripe_events (
    id              varchar(255) PRIMARY KEY,
    type            varchar(100) NOT NULL,
    created         bigint       NOT NULL,
    payload         text         NOT NULL,
    source          varchar(16)  NOT NULL CHECK (source IN ('WEBHOOK', 'RECONCILIATION')),
    user_id         uuid,
    received_at     timestamptz  NOT NULL DEFAULT now(),
    processed_at    timestamptz,
    outcome         varchar(200),
    attempts        integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz  NOT NULL DEFAULT now(),
    last_error      varchar(500)
);
CREATE INDEX stripe_events_pending_idx ON stripe_events (next_attempt_at) WHERE processed_at IS NULL;
CREATE INDEX stripe_events_user_idx ON stripe_events (user_id) WHERE user_id IS NOT NULL;

-- Subscriptions as Stripe last told us; state_created is the Stripe event time of the state held, so an older
-- event never overwrites a newer one.
CREATE TABLE subscriptions (
    stripe_subscription_id varchar(255) PRIMARY KEY,
    user_id                uuid         NOT NULL,
    stripe_customer_id     varchar(255) NOT NULL,
    plan_id                varchar(64),
    price_id               varchar(255),
    status                 varchar(24)  NOT NULL CHECK (status IN ('incomplete', 'incomplete_expired', 'trialing',
                               'active', 'past_due', 'unpaid', 'canceled', 'paused')),
    cancel_at_period_end   boolean      NOT NULL DEFAULT false,
    current_period_end     timestamptz,
    trial_end              timestamptz,
    state_created          bigint       NOT NULL,
    updated_at             timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX subscriptions_user_idx ON subscriptions (user_id);

-- Invoices are kept after an account is erased: tax law requires them (see the README's billing data section).
CREATE TABLE invoices (
    stripe_invoice_id      varchar(255) PRIMARY KEY,
    user_id                uuid,
    stripe_subscription_id varchar(255),
    number                 varchar(100),
    status                 varchar(24)  NOT NULL,
    currency               varchar(3)   NOT NULL,
    amount_due             bigint       NOT NULL,
    amount_paid            bigint       NOT NULL,
    hosted_invoice_url     varchar(2000),
    invoice_pdf            varchar(2000),
    stripe_created         timestamptz  NOT NULL,
    state_created          bigint       NOT NULL,
    updated_at             timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX invoices_user_idx ON invoices (user_id, stripe_created DESC);

-- The append-only ledger: one row per money movement; positive into our balance, negative out of it.
CREATE TABLE ledger_entries (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id          uuid,
    kind             varchar(16)  NOT NULL CHECK (kind IN ('PAYMENT', 'REFUND', 'DISPUTE', 'FEE')),
    amount_minor     bigint       NOT NULL,
    currency         varchar(3)   NOT NULL,
    reference        varchar(300) NOT NULL,
    payment_intent   varchar(255),
    stripe_event_id  varchar(255) NOT NULL,
    description      varchar(200),
    occurred_at      timestamptz  NOT NULL,
    recorded_at      timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (kind, reference)
);
CREATE INDEX ledger_entries_user_idx ON ledger_entries (user_id, occurred_at DESC, id DESC);
CREATE INDEX ledger_entries_intent_idx ON ledger_entries (payment_intent) WHERE payment_intent IS NOT NULL;

CREATE FUNCTION ledger_entries_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledger_entries is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER ledger_entries_no_change BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();

-- What account was last told about each user's supporter entitlement; revision orders the events.
CREATE TABLE entitlements (
    user_id    uuid PRIMARY KEY,
    supporter  boolean     NOT NULL,
    revision   bigint      NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);

-- Reconciliation: where the event scan resumes, and each run's findings.
CREATE TABLE reconciliation_runs (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz NOT NULL,
    scanned_from     bigint      NOT NULL,
    scanned_to       bigint      NOT NULL,
    events_seen      integer     NOT NULL,
    events_recovered integer     NOT NULL,
    differences      text        NOT NULL
);

-- See io.xaostech.platform.events.Outbox.
CREATE TABLE outbox (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream       varchar(100) NOT NULL,
    type         varchar(100) NOT NULL,
    envelope     text         NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
