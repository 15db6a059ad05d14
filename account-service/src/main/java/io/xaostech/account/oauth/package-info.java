/** The OAuth 2.1 / OpenID Connect provider: endpoints, clients, token claims. */
package io.xaostech.account.oauth;
