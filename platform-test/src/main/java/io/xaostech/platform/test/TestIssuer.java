package io.xaostech.platform.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.xaostech.common.security.Audiences;
import io.xaostech.common.security.ClaimNames;
import io.xaostech.common.security.Role;
import io.xaostech.common.security.Scopes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Account's token protocol for a service's own tests: an RSA key published as a JWKS over HTTP in this JVM, and
 * tokens signed with it carrying the claims account issues (user tokens for the API, service tokens for
 * {@code /internal/**}). Every service test context is pointed at it (see {@link XaosTestContextCustomizerFactory});
 * the system tests use the real account instead.
 */
public final class TestIssuer {

    public static final String ISSUER = "http://localhost:8080/auth";

    private static TestIssuer instance;

    private final RSAKey key;
    private final HttpServer server;

    private TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(key).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/oauth2/jwks", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        // client_credentials for svc-* clients with their development secrets, as account answers them.
        server.createContext("/oauth2/token", exchange -> {
            String clientId = serviceClient(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = clientId == null ? "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8)
                    : ("{\"access_token\":\"" + serviceToken(clientId) + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(clientId == null ? 401 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "test-issuer-stop"));
    }

    public static synchronized TestIssuer get() {
        if (instance == null) {
            instance = new TestIssuer();
        }
        return instance;
    }

    /** The token endpoint: client_credentials for {@code svc-<id>} with secret {@code dev-only-<id>-secret}. */
    public String tokenUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token";
    }

    private static String serviceClient(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        String[] credentials = new String(java.util.Base64.getDecoder().decode(authorization.substring(6).strip()),
                StandardCharsets.UTF_8).split(":", 2);
        boolean known = credentials.length == 2 && credentials[0].startsWith("svc-")
                && credentials[1].equals("dev-only-" + credentials[0].substring(4) + "-secret");
        return known ? credentials[0] : null;
    }

    /** Where the key set is published. */
    public String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks";
    }

    /** An API token for a user with the given roles. */
    public String userToken(UUID userId, Role... roles) {
        return userToken(userId, b -> b, roles);
    }

    /** An API token for a user, its claims changed by {@code customize} (for the bad cases). */
    public String userToken(UUID userId, UnaryOperator<JWTClaimsSet.Builder> customize, Role... roles) {
        return sign(customize.apply(base(userId.toString(), Audiences.API)
                .claim(ClaimNames.ROLES, Arrays.stream(roles).map(Role::name).toList())
                .claim(ClaimNames.SCOPE, Scopes.OPENID + " " + Scopes.PROFILE)).build());
    }

    /** A client_credentials token for {@code /internal/**}. */
    public String serviceToken(String clientId) {
        return sign(base(clientId, Audiences.INTERNAL).claim(ClaimNames.SCOPE, Scopes.INTERNAL).build());
    }

    private static JWTClaimsSet.Builder base(String subject, String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString());
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
