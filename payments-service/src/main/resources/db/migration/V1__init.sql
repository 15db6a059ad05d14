-- payments schema: one Stripe customer per user; subscriptions, invoices and the ledger follow.
CREATE TABLE customers (
    user_id            uuid PRIMARY KEY,
    stripe_customer_id varchar(255) NOT NULL UNIQUE,
    created_at         timestamptz  NOT NULL DEFAULT now()
);
