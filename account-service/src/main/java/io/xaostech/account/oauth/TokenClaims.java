package io.xaostech.account.oauth;

import io.xaostech.account.session.Sessions;
import io.xaostech.common.security.Audiences;
import io.xaostech.common.security.ClaimNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * The platform's claims on access tokens: service tokens (client_credentials) are for {@code /internal/**} only
 * (audience {@code internal}); user tokens are for the public API (audience {@code api}) and carry the roles.
 */
@Component
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private static final String ROLE_PREFIX = "ROLE_";

    private final JdbcClient jdbc;

    TokenClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The user's roles as they are now: a refreshed token carries a role granted since sign-in (SUPPORTER after a
     * payment) and loses one withdrawn. The principal kept with the authorization only has the roles of sign-in time.
     * An account no longer active gets none: {@code invalid_grant}.
     */
    private List<String> currentRoles(JwtEncodingContext context) {
        String subject = context.getPrincipal().getName();
        java.util.UUID user;
        try {
            user = java.util.UUID.fromString(subject);
        } catch (IllegalArgumentException notAUser) {
            return context.getPrincipal().getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .filter(a -> a.startsWith(ROLE_PREFIX))
                    .map(a -> a.substring(ROLE_PREFIX.length()))
                    .collect(Collectors.toCollection(ArrayList::new));
        }
        // A disabled or deleted account gets no token, even from a refresh that raced its revocation.
        boolean active = jdbc.sql("select status = 'ACTIVE' from users where id = ?").param(user).query(Boolean.class)
                .optional().orElse(false);
        if (!active) {
            throw new org.springframework.security.oauth2.core.OAuth2AuthenticationException(
                    new org.springframework.security.oauth2.core.OAuth2Error(
                            org.springframework.security.oauth2.core.OAuth2ErrorCodes.INVALID_GRANT,
                            "The account is not active.", null));
        }
        return jdbc.sql("select role from user_roles where user_id = ? order by role").param(user)
                .query(String.class).list().stream().collect(Collectors.toCollection(ArrayList::new));
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            addProfile(context);
            return;
        }
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        // RFC 9068: scope is one space-separated string (Spring writes a JSON array by default).
        context.getClaims().claim(ClaimNames.SCOPE, String.join(" ", context.getAuthorizedScopes()));
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            context.getClaims().audience(mutableList(Audiences.INTERNAL));
            return;
        }
        List<String> roles = currentRoles(context);
        context.getClaims().audience(mutableList(Audiences.API)).claim(ClaimNames.ROLES, roles);
        if (context.getAuthorization() != null
                && context.getAuthorization().getAttribute(Sessions.SID_CLAIM) instanceof String sid) {
            context.getClaims().claim(ClaimNames.SESSION_ID, sid);
        }
    }

    /** ID tokens (and so userinfo) carry the email and name when the client was granted those scopes. */
    private void addProfile(JwtEncodingContext context) {
        Set<String> scopes = context.getAuthorizedScopes();
        if (!scopes.contains(OidcScopes.EMAIL) && !scopes.contains(OidcScopes.PROFILE)) {
            return;
        }
        jdbc.sql("select email, email_verified, display_name from users where id = ?::uuid")
                .param(context.getPrincipal().getName())
                .query((rs, i) -> {
                    if (scopes.contains(OidcScopes.EMAIL)) {
                        context.getClaims().claim(StandardClaimNames.EMAIL, rs.getString("email"))
                                .claim(StandardClaimNames.EMAIL_VERIFIED, rs.getBoolean("email_verified"));
                    }
                    if (scopes.contains(OidcScopes.PROFILE)) {
                        context.getClaims().claim(StandardClaimNames.NAME, rs.getString("display_name"));
                    }
                    return true;
                })
                .optional();
    }

    /**
     * The JDBC authorization store serialises claims with Jackson's allow-listed polymorphic typing, which
     * accepts {@code ArrayList} but not the JDK's immutable lists.
     */
    private static List<String> mutableList(String value) {
        return new ArrayList<>(List.of(value));
    }
}
