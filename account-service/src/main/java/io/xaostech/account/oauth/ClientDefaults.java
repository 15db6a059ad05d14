package io.xaostech.account.oauth;

import io.xaostech.account.config.AccountProperties;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/** What every client acting for users shares, whether seeded from configuration or registered by an admin. */
public final class ClientDefaults {

    private ClientDefaults() {
    }

    /** A client secret as stored: random secrets need a fast hash only (see {@link ClientSecretEncoder}). */
    public static String storedSecret(String raw) {
        return "{" + ClientSecretEncoder.ID + "}" + new ClientSecretEncoder().encode(raw);
    }

    /** Refresh tokens rotate on every use (never reused), within an absolute lifetime. */
    public static TokenSettings userTokens(AccountProperties properties) {
        return TokenSettings.builder()
                .accessTokenTimeToLive(properties.accessTokenLifetime())
                .refreshTokenTimeToLive(properties.refreshTokenLifetime())
                .reuseRefreshTokens(false)
                .build();
    }
}
