-- The last SubscriptionChanged revision applied per user (payments' events may come twice or out of order).
CREATE TABLE supporter_entitlements (
    user_id    uuid        PRIMARY KEY,
    revision   bigint      NOT NULL,
    supporter  boolean     NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
