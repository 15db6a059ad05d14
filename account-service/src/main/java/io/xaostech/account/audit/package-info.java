/** The append-only security audit trail. */
package io.xaostech.account.audit;
