/** Consent: the page where a user grants a client the scopes it asks for, and the user's list of allowed applications. */
package io.xaostech.account.consent;
