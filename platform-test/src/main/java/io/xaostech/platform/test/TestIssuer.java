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
import io.xaostech.common.id.UserId;
import io.xaostech.common.security.ApiKeyResolution;
import io.xaostech.common.security.ApiKeyScope;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final Map<String, ApiKeyResolution> apiKeys = new ConcurrentHashMap<>();
    private final AtomicInteger resolutions = new AtomicInteger();

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
        // Account's API-key resolution for services, answered only to a service token signed here.
        server.createContext("/internal/api-keys/resolve", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            byte[] answer = new byte[0];
            if (!isServiceToken(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
            } else {
                String key = body.replaceAll("(?s).*\"key\"\\s*:\\s*\"([^\"]*)\".*", "$1");
                ApiKeyResolution resolution = apiKeys.get(key);
                status = resolution == null ? 404 : 200;
                if (resolution != null) {
                    answer = ("{\"keyId\":\"" + resolution.keyId() + "\",\"userId\":\"" + resolution.userId().value()
                            + "\",\"scopes\":[" + resolution.scopes().stream().map(s -> "\"" + s.value() + "\"")
                            .collect(java.util.stream.Collectors.joining(",")) + "],\"plan\":\"" + resolution.plan()
                            + "\",\"expiresAt\":null}").getBytes(StandardCharsets.UTF_8);
                }
            }
            resolutions.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
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

    /**
     * Issues an API key as account would (well-formed {@code xk_…}), resolvable at {@code /internal/api-keys/resolve}
     * until {@link #revokeApiKey revoked}.
     *
     * @param plan the owner's plan, {@code user} or {@code supporter}
     */
    public String apiKey(UUID owner, String plan, ApiKeyScope... scopes) {
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            prefix.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = "xk_" + prefix + "_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        apiKeys.put(key, new ApiKeyResolution(UUID.randomUUID(), new UserId(owner), Set.of(scopes), plan, null));
        return key;
    }

    /** Makes a key unknown from now on (services may still hold it for their cache time). */
    public void revokeApiKey(String key) {
        apiKeys.remove(key);
    }

    /** How many key resolutions were asked for so far (to see a service's cache at work). */
    public int apiKeyResolutions() {
        return resolutions.get();
    }

    /** Account's internal API-key resolution endpoint. */
    public String apiKeyResolveUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/internal/api-keys/resolve";
    }

    private boolean isServiceToken(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        try {
            SignedJWT jwt = SignedJWT.parse(authorization.substring(7).strip());
            return jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key.toRSAPublicKey()))
                    && jwt.getJWTClaimsSet().getAudience().contains(Audiences.INTERNAL)
                    && jwt.getJWTClaimsSet().getSubject().startsWith("svc-");
        } catch (java.text.ParseException | JOSEException e) {
            return false;
        }
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

    /** Forged and misdirected variants of a user's API token (close it when done). */
    public ForgedTokens forgeries(UUID userId, Role... roles) {
        return new ForgedTokens(key, () -> base(userId.toString(), Audiences.API)
                .claim(ClaimNames.ROLES, Arrays.stream(roles).map(Role::name).toList())
                .claim(ClaimNames.SCOPE, Scopes.OPENID + " " + Scopes.PROFILE));
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
