package io.xaostech.account.client;

import io.xaostech.account.audit.AuditLog;
import io.xaostech.account.config.AccountProperties;
import io.xaostech.account.oauth.ClientDefaults;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers, lists, re-keys and removes admin-registered clients. They act for users only (authorization code
 * with PKCE, refresh tokens); service-to-service access stays with the seeded {@code svc-*} clients, and
 * machine access by third parties goes through API keys. Their ids start with {@value #ID_PREFIX}, so the
 * seeded clients can never be changed or removed here.
 */
@Service
class ClientRegistrations {

    static final String ID_PREFIX = "app-";
    static final Set<String> GRANTABLE_SCOPES = Set.of("openid", "profile", "email", "offline_access");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RegisteredClientRepository clients;
    private final JdbcClient jdbc;
    private final AccountProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    ClientRegistrations(RegisteredClientRepository clients, JdbcClient jdbc, AccountProperties properties,
                        AuditLog audit, Clock clock) {
        this.clients = clients;
        this.jdbc = jdbc;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    enum ClientType { PUBLIC, CONFIDENTIAL }

    record NewClient(String name, ClientType type, List<String> redirectUris, List<String> postLogoutRedirectUris,
                     List<String> scopes, boolean requireConsent) {
    }

    /** A registered client, with its secret only at the moment it was made. */
    record Registered(RegisteredClient client, String secret) {
    }

    @Transactional
    Registered register(NewClient request, String admin) {
        String clientId = ID_PREFIX + HexFormat.of().formatHex(randomBytes(10));
        String secret = request.type() == ClientType.CONFIDENTIAL
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32)) : null;
        RegisteredClient.Builder builder = RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientIdIssuedAt(clock.instant())
                .clientName(request.name().strip())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(request.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(request.postLogoutRedirectUris()))
                .scopes(scopes -> scopes.addAll(request.scopes()))
                .clientSettings(ClientSettings.builder().requireProofKey(true)
                        .requireAuthorizationConsent(request.requireConsent()).build())
                .tokenSettings(ClientDefaults.userTokens(properties));
        if (secret == null) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            builder.clientSecret(ClientDefaults.storedSecret(secret))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        }
        RegisteredClient client = builder.build();
        clients.save(client);
        audit.record(AuditLog.Type.CLIENT_REGISTERED, admin, clientId, request.type() + " " + request.redirectUris());
        return new Registered(client, secret);
    }

    List<RegisteredClient> all() {
        return jdbc.sql("select id from oauth2_registered_client order by client_id").query(String.class).list()
                .stream().map(clients::findById).toList();
    }

    Optional<RegisteredClient> find(String clientId) {
        return Optional.ofNullable(clients.findByClientId(clientId));
    }

    /** A new secret for a confidential registered client; the old one stops working at once. */
    @Transactional
    String newSecret(String clientId, String admin) {
        RegisteredClient client = registered(clientId);
        if (client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
            throw new ProblemException(ProblemType.CONFLICT, "Client " + clientId + " is public; it has no secret.",
                    Map.of("clientId", clientId));
        }
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        clients.save(RegisteredClient.from(client).clientSecret(ClientDefaults.storedSecret(secret)).build());
        audit.record(AuditLog.Type.CLIENT_REGISTERED, admin, clientId, "secret replaced");
        return secret;
    }

    /** Removes the client with every consent given to it and every token it holds. */
    @Transactional
    void delete(String clientId, String admin) {
        RegisteredClient client = registered(clientId);
        jdbc.sql("delete from oauth2_authorization where registered_client_id = ?").param(client.getId()).update();
        jdbc.sql("delete from oauth2_authorization_consent where registered_client_id = ?").param(client.getId()).update();
        jdbc.sql("delete from oauth2_registered_client where id = ?").param(client.getId()).update();
        audit.record(AuditLog.Type.CLIENT_DELETED, admin, clientId, null);
    }

    static boolean isRegistered(RegisteredClient client) {
        return client.getClientId().startsWith(ID_PREFIX);
    }

    private RegisteredClient registered(String clientId) {
        RegisteredClient client = find(clientId).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No client " + clientId + ".", Map.of("clientId", clientId)));
        if (!isRegistered(client)) {
            throw new ProblemException(ProblemType.CONFLICT, "Client " + clientId
                    + " comes from the platform's configuration; change it there.", Map.of("clientId", clientId));
        }
        return client;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
