/** The page where a user grants a third-party client the scopes it asks for, and remembers the answer. */
package io.xaostech.account.consent;
