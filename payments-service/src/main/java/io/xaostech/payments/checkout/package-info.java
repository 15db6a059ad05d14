/** Checkout and Customer Portal sessions for signed-in users, honouring their Idempotency-Key. */
package io.xaostech.payments.checkout;
