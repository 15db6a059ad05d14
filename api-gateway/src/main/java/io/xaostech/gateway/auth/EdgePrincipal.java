package io.xaostech.gateway.auth;

import java.util.Set;

/**
 * Who is calling, as far as the edge knows: a user (by access token), an API key, or nobody. Services check
 * the credentials again themselves; the gateway uses this for route access and rate limits.
 *
 * @param subject the user id, or for an API key its owner's user id
 * @param keyId   the API key's id, for API keys only
 * @param plan    the plan whose limits apply: {@code anonymous}, {@code user}, {@code supporter}, …
 */
public record EdgePrincipal(Kind kind, String subject, String keyId, Set<String> roles, Set<String> scopes, String plan) {

    public enum Kind { ANONYMOUS, USER, API_KEY }

    /** Exchange attribute holding the principal of the request. */
    public static final String ATTRIBUTE = EdgePrincipal.class.getName();

    public static final EdgePrincipal ANONYMOUS = new EdgePrincipal(Kind.ANONYMOUS, null, null, Set.of(), Set.of(), "anonymous");

    public boolean isAuthenticated() {
        return kind != Kind.ANONYMOUS;
    }

    /** What rate limits count against: the user, else the key; null when anonymous (the client address then). */
    public String limitKey() {
        return switch (kind) {
            case USER -> "u:" + subject;
            case API_KEY -> "k:" + keyId;
            case ANONYMOUS -> null;
        };
    }

    /** What the request log records: the user id, or the key's id; never a secret. */
    public String logName() {
        return switch (kind) {
            case USER -> subject;
            case API_KEY -> "key:" + keyId;
            case ANONYMOUS -> null;
        };
    }
}
