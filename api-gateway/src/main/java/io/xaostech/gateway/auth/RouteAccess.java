package io.xaostech.gateway.auth;

import java.util.Locale;

/**
 * Who may use a route, from its metadata {@code access}: {@code public} (the default; credentials are still
 * checked when sent), {@code authenticated}, {@code role:<ROLE>} (user tokens with that role) or
 * {@code scope:<scope>} (a user token or API key carrying that scope).
 */
record RouteAccess(Rule rule, String value) {

    static final String METADATA = "access";
    static final RouteAccess PUBLIC = new RouteAccess(Rule.PUBLIC, null);

    enum Rule { PUBLIC, AUTHENTICATED, ROLE, SCOPE }

    static RouteAccess parse(Object metadata) {
        if (metadata == null) {
            return PUBLIC;
        }
        String text = metadata.toString().strip();
        if (text.equalsIgnoreCase("public")) {
            return PUBLIC;
        }
        if (text.equalsIgnoreCase("authenticated")) {
            return new RouteAccess(Rule.AUTHENTICATED, null);
        }
        if (text.toLowerCase(Locale.ROOT).startsWith("role:") && text.length() > 5) {
            return new RouteAccess(Rule.ROLE, text.substring(5).toUpperCase(Locale.ROOT));
        }
        if (text.toLowerCase(Locale.ROOT).startsWith("scope:") && text.length() > 6) {
            return new RouteAccess(Rule.SCOPE, text.substring(6));
        }
        throw new IllegalArgumentException("Route access '" + text
                + "' is not public, authenticated, role:<ROLE> or scope:<scope>");
    }

    boolean needsCredentials() {
        return rule != Rule.PUBLIC;
    }

    boolean allows(EdgePrincipal principal) {
        return switch (rule) {
            case PUBLIC -> true;
            case AUTHENTICATED -> principal.isAuthenticated();
            case ROLE -> principal.roles().contains(value);
            case SCOPE -> principal.scopes().contains(value);
        };
    }
}
