/** Signing in with another provider's account (GitHub), and linking it to ours. */
package io.xaostech.account.social;
