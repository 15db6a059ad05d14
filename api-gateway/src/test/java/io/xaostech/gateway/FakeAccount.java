package io.xaostech.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Stands in for account in the gateway's own tests, speaking its protocol: a JWKS with rotatable RSA keys, the
 * token endpoint for the gateway's client_credentials grant, and API-key resolution with a service token.
 * Counts the calls, so a test sees what the gateway cached. (The system tests use the real account.)
 */
final class FakeAccount implements AutoCloseable {

    static final String ISSUER = "http://localhost:8080/auth";
    static final String SERVICE_TOKEN = "service-token-" + UUID.randomUUID();

    private final HttpServer server;
    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final Map<String, String> apiKeys = new ConcurrentHashMap<>();
    final AtomicInteger jwksFetches = new AtomicInteger();
    private volatile boolean keySetDown;
    final AtomicInteger resolutions = new AtomicInteger();

    FakeAccount() {
        published.add(newKey());
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/oauth2/jwks", exchange -> {
            jwksFetches.incrementAndGet();
            if (keySetDown) {
                respond(exchange, 503, "{}");
                return;
            }
            respond(exchange, 200, new JWKSet(List.copyOf(published)).toPublicJWKSet().toString());
        });
        server.createContext("/oauth2/token", exchange -> {
            String basic = "Basic " + Base64.getEncoder().encodeToString("svc-gateway:dev-only-gateway-secret".getBytes(StandardCharsets.UTF_8));
            if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
            respond(exchange, 200, "{\"access_token\":\"" + SERVICE_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
        });
        server.createContext("/internal/api-keys/resolve", exchange -> {
            resolutions.incrementAndGet();
            if (!("Bearer " + SERVICE_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{}");
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer = apiKeys.entrySet().stream().filter(e -> body.contains("\"" + e.getKey() + "\""))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            respond(exchange, answer == null ? 404 : 200, answer == null ? "{\"status\":404}" : answer);
        });
        server.createContext("/", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Makes the key set unavailable (account starting or down) or available again. */
    void keySetDown(boolean down) {
        keySetDown = down;
    }

    /** Publishes a new key, which signs from now on; the old ones stay published. */
    void rotate() {
        published.add(0, newKey());
    }

    /** A token signed with the current key; the customizer changes claims for the bad cases. */
    String token(String subject, List<String> roles, UnaryOperator<JWTClaimsSet.Builder> customize) {
        return sign(published.get(0), customize.apply(new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject)
                .audience("api").claim("roles", roles).claim("scope", "openid profile")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))).build(),
                JWSAlgorithm.RS256, published.get(0).getKeyID());
    }

    String token(String subject) {
        return token(subject, List.of("USER"), b -> b);
    }

    static String sign(RSAKey key, JWTClaimsSet claims, JWSAlgorithm algorithm, String kid) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    RSAKey currentKey() {
        return published.get(0);
    }

    /** A key account would resolve, with its owner, scopes and the owner's plan. */
    String issueApiKey(String owner, String plan, String... scopes) {
        String key = "xk_" + "abcdefgh".substring(0, 8) + "_" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)).substring(0, 43);
        apiKeys.put(key, "{\"keyId\":\"" + UUID.randomUUID() + "\",\"userId\":\"" + owner + "\",\"scopes\":["
                + String.join(",", java.util.Arrays.stream(scopes).map(s -> "\"" + s + "\"").toList())
                + "],\"plan\":\"" + plan + "\",\"expiresAt\":null}");
        return key;
    }

    void revokeApiKey(String key) {
        apiKeys.remove(key);
    }

    static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
