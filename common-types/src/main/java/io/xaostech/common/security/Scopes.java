package io.xaostech.common.security;

/** OAuth scopes the platform defines beyond OpenID Connect's own. */
public final class Scopes {

    public static final String OPENID = "openid";
    public static final String PROFILE = "profile";
    public static final String EMAIL = "email";
    public static final String OFFLINE_ACCESS = "offline_access";
    /** Service-to-service calls on {@code /internal/**}. */
    public static final String INTERNAL = "internal";

    private Scopes() {
    }
}
