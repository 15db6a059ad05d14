package io.xaostech.account.mail;

/** Where account's emails go: SMTP in production, the development mailbox by default. */
public interface Mailer {

    void send(Mail mail);
}
