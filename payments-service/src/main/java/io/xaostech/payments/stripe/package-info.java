/** The one door to Stripe's API (a client when a key is configured, its failures as problems) and how its events read. */
package io.xaostech.payments.stripe;
