package io.xaostech.common.security;

/** JWT claim names issued by account-service and read by every resource server. */
public final class ClaimNames {

    /** The user id (a {@link io.xaostech.common.id.UserId}) or, for service tokens, the client id. */
    public static final String SUBJECT = "sub";
    public static final String ISSUER = "iss";
    public static final String AUDIENCE = "aud";
    /** Space-separated OAuth scopes. */
    public static final String SCOPE = "scope";
    /** Array of {@link Role} names. */
    public static final String ROLES = "roles";
    /** The account session the token belongs to; revoking the session ends its tokens. */
    public static final String SESSION_ID = "sid";

    private ClaimNames() {
    }
}
