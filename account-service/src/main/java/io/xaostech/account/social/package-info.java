/** Signing in with another provider's account (GitHub, Google), linking it to ours, and unlinking it. */
package io.xaostech.account.social;
