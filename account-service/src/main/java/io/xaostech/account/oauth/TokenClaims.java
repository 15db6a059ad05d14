package io.xaostech.account.oauth;

import io.xaostech.account.session.Sessions;
import io.xaostech.common.security.Audiences;
import io.xaostech.common.security.ClaimNames;
import java.util.ArrayList;
import java.util.List;
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

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        // RFC 9068: scope is one space-separated string (Spring writes a JSON array by default).
        context.getClaims().claim(ClaimNames.SCOPE, String.join(" ", context.getAuthorizedScopes()));
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            context.getClaims().audience(mutableList(Audiences.INTERNAL));
            return;
        }
        List<String> roles = context.getPrincipal().getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(ROLE_PREFIX))
                .map(a -> a.substring(ROLE_PREFIX.length()))
                .collect(Collectors.toCollection(ArrayList::new));
        context.getClaims().audience(mutableList(Audiences.API)).claim(ClaimNames.ROLES, roles);
        if (context.getAuthorization() != null
                && context.getAuthorization().getAttribute(Sessions.SID_CLAIM) instanceof String sid) {
            context.getClaims().claim(ClaimNames.SESSION_ID, sid);
        }
    }

    /**
     * The JDBC authorization store serialises claims with Jackson's allow-listed polymorphic typing, which
     * accepts {@code ArrayList} but not the JDK's immutable lists.
     */
    private static List<String> mutableList(String value) {
        return new ArrayList<>(List.of(value));
    }
}
