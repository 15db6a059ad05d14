/**
 * Authentication at the edge: account's JWTs verified against its cached key set, API keys resolved through
 * account and cached in Redis, and each route's access rule (public, authenticated, role or scope).
 */
package io.xaostech.gateway.auth;
