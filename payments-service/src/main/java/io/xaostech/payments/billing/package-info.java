/**
 * What Stripe's events mean for us: the subscription state machine, the invoice mirror, the append-only ledger
 * and the supporter entitlement account is told about; and the user's own view of them.
 */
package io.xaostech.payments.billing;
