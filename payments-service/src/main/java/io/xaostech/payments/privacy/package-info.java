/** A user's billing data for their export, and its erasure by the documented rule. */
package io.xaostech.payments.privacy;
