package io.xaostech.lingua.access;

/**
 * Who a translation request counts against.
 *
 * @param subject what quotas are counted per: {@code k:<key id>}, {@code u:<user id>} or {@code a:<client address>}
 * @param plan    whose limits apply: {@code anonymous}, {@code user} or {@code supporter}
 */
public record Caller(String subject, String plan) {
}
