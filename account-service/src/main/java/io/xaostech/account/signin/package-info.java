/** Signing in with email and password: the page and the brute-force limits. */
package io.xaostech.account.signin;
