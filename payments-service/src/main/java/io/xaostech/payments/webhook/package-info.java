/**
 * Stripe's webhook: the signature checked on the raw bytes, each event stored once by its id and answered at once,
 * then processed (at least once) with its effect and its "processed" mark in one transaction.
 */
package io.xaostech.payments.webhook;
