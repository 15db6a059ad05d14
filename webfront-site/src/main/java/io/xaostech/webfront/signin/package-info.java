/**
 * Signing in and out as a backend-for-frontend: an OAuth2 client of account (authorization code with PKCE).
 * The browser holds only the session cookie; tokens stay in the server-side session (Redis).
 */
package io.xaostech.webfront.signin;
