/**
 * Clients registered by an administrator at run time (third-party or additional first-party applications), as
 * opposed to the platform's own clients seeded from configuration.
 */
package io.xaostech.account.client;
