/**
 * Stripe's webhook: the signature checked on the raw bytes, each event stored once by its id and processed in the
 * same transaction (its effect in a savepoint, so a failed effect leaves the event stored for retry rounds).
 */
package io.xaostech.payments.webhook;
