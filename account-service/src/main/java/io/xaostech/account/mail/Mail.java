package io.xaostech.account.mail;

/** One plain-text email. */
public record Mail(String to, String subject, String body) {
}
