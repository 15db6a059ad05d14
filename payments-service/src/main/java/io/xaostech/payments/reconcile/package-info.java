/** The scheduled comparison with Stripe: events missed are fetched and processed, differences reported. */
package io.xaostech.payments.reconcile;
