/** Outgoing mail through the Mailer port; the development mailbox by default. */
package io.xaostech.account.mail;
