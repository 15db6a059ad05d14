/** One Stripe customer per user, made on first need. */
package io.xaostech.payments.customer;
