/**
 * Multi-factor sign-in: time-based one-time passwords (RFC 6238, any authenticator app) with single-use
 * recovery codes, asked for after the password on the sign-in form.
 */
package io.xaostech.account.mfa;
