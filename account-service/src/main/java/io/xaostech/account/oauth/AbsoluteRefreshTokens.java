package io.xaostech.account.oauth;

import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens with an absolute lifetime (ASVS 10.4.8): a rotated token never outlives the one it replaces,
 * so a token family ends {@code refresh-token-lifetime} after the sign-in, however often it is refreshed.
 */
class AbsoluteRefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

    private final OAuth2RefreshTokenGenerator generator = new OAuth2RefreshTokenGenerator();

    @Override
    public OAuth2RefreshToken generate(OAuth2TokenContext context) {
        OAuth2RefreshToken token = generator.generate(context);
        OAuth2Authorization authorization = context.getAuthorization();
        if (token == null || authorization == null || authorization.getRefreshToken() == null) {
            return token;
        }
        Instant deadline = authorization.getRefreshToken().getToken().getExpiresAt();
        if (deadline == null || token.getExpiresAt() == null || !token.getExpiresAt().isAfter(deadline)) {
            return token;
        }
        return new OAuth2RefreshToken(token.getTokenValue(), token.getIssuedAt(), deadline);
    }
}
