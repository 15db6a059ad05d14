package io.xaostech.account.oauth;

import io.xaostech.account.config.AccountProperties;
import io.xaostech.common.security.Scopes;
import io.xaostech.common.service.XaosService;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Registers the platform's own clients from configuration at start-up (and updates them when the configuration
 * changed): {@code webfront} (confidential), {@code cli} (public), and {@code svc-<id>} per service for
 * client_credentials calls to {@code /internal/**}. Secrets come from configuration, stored as SHA-256.
 */
@Component
class ClientSeeder implements SmartInitializingSingleton {

    static final String WEBFRONT = "webfront";
    static final String CLI = "cli";
    static final String SERVICE_PREFIX = "svc-";

    private static final Logger log = LoggerFactory.getLogger(ClientSeeder.class);

    private final RegisteredClientRepository clients;
    private final AccountProperties properties;

    ClientSeeder(RegisteredClientRepository clients, AccountProperties properties) {
        this.clients = clients;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<RegisteredClient> seeded = new ArrayList<>();
        seeded.add(webfront());
        seeded.add(cli());
        for (XaosService service : XaosService.values()) {
            String secret = properties.clients().serviceSecrets().get(service.id());
            if (secret != null && !secret.isBlank() && service != XaosService.ACCOUNT) {
                seeded.add(serviceClient(service, secret));
            }
        }
        seeded.forEach(clients::save);
        log.info("Registered clients: {}", seeded.stream().map(RegisteredClient::getClientId).toList());
    }

    private RegisteredClient webfront() {
        AccountProperties.Webfront webfront = properties.clients().webfront();
        return RegisteredClient.withId(WEBFRONT)
                .clientId(WEBFRONT)
                .clientName("XAOSTECH website")
                .clientSecret(ClientDefaults.storedSecret(webfront.secret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(webfront.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(webfront.postLogoutRedirectUris()))
                .scopes(scopes -> scopes.addAll(List.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL,
                        Scopes.OFFLINE_ACCESS)))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(ClientDefaults.userTokens(properties))
                .build();
    }

    private RegisteredClient cli() {
        return RegisteredClient.withId(CLI)
                .clientId(CLI)
                .clientName("XAOSTECH command line")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(properties.clients().cli().redirectUris()))
                .scopes(scopes -> scopes.addAll(List.of(OidcScopes.OPENID, OidcScopes.PROFILE, Scopes.OFFLINE_ACCESS)))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
                .tokenSettings(ClientDefaults.userTokens(properties))
                .build();
    }

    private RegisteredClient serviceClient(XaosService service, String secret) {
        String clientId = SERVICE_PREFIX + service.id();
        return RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientName(service.moduleName())
                .clientSecret(ClientDefaults.storedSecret(secret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope(Scopes.INTERNAL)
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenLifetime()).build())
                .build();
    }
}
