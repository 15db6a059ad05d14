package io.xaostech.platform.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.xaostech.common.security.Audiences;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The tokens an attacker or a confused client sends (SECURITY-CHECKLIST 1–3), made from the real issuer's key and
 * a valid claim set, and the two that must still pass at the edges of the 60 s clock skew. The attacker's own
 * key is published by a small server here, so a test can show that a key named in a token's {@code jku} or
 * {@code x5u} header is never fetched.
 */
public final class ForgedTokens implements AutoCloseable {

    /**
     * Seconds inside every skew of the platform (the gateway allows 30 s, the services 60 s) and just outside the
     * 60 s the checklist allows at most.
     */
    public static final int INSIDE_SKEW = 20;
    public static final int OUTSIDE_SKEW = 65;

    private final RSAKey ours;
    private final Supplier<JWTClaimsSet.Builder> valid;
    private final RSAKey attacker;
    private final HttpServer attackerSite;
    private final AtomicInteger attackerRequests = new AtomicInteger();

    /**
     * @param ours  the issuer's signing key (with its kid)
     * @param valid a fresh claim set that the service under test accepts
     */
    public ForgedTokens(RSAKey ours, Supplier<JWTClaimsSet.Builder> valid) {
        this.ours = ours;
        this.valid = valid;
        try {
            attacker = new RSAKeyGenerator(2048).keyID(ours.getKeyID()).generate();
            attackerSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(attacker.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        attackerSite.createContext("/", exchange -> {
            attackerRequests.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        attackerSite.start();
    }

    /** Every token that must be refused with 401, by what is wrong with it. */
    public Map<String, String> refused() {
        Instant now = Instant.now();
        URI keys = URI.create("http://127.0.0.1:" + attackerSite.getAddress().getPort() + "/jwks.json");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("alg none", new PlainJWT(new PlainHeader(), valid.get().build()).serialize());
        tokens.put("HS256 keyed with the public key", hmacWithPublicKey());
        tokens.put("unknown kid", signed(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("stranger"), attacker, c -> c));
        tokens.put("another key under our kid", signed(rs256(), attacker, c -> c));
        tokens.put("jwk header", signed(new JWSHeader.Builder(JWSAlgorithm.RS256).jwk(attacker.toPublicJWK()), attacker, c -> c));
        tokens.put("jku header", signed(rs256().jwkURL(keys), attacker, c -> c));
        tokens.put("jku header, unknown kid", signed(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("elsewhere").jwkURL(keys),
                attacker, c -> c));
        tokens.put("x5u header", signed(rs256().x509CertURL(keys), attacker, c -> c));
        tokens.put("expired " + OUTSIDE_SKEW + " s ago", signed(rs256(), ours, c -> expiredAgo(c, now, OUTSIDE_SKEW)));
        tokens.put("valid only in " + OUTSIDE_SKEW + " s", signed(rs256(), ours,
                c -> c.notBeforeTime(Date.from(now.plusSeconds(OUTSIDE_SKEW)))));
        tokens.put("audience internal (a service token)", signed(rs256(), ours, c -> c.audience(Audiences.INTERNAL)));
        tokens.put("audience of a client (an ID token)", signed(rs256(), ours, c -> c.audience(List.of("webfront"))));
        tokens.put("foreign issuer", signed(rs256(), ours, c -> c.issuer("https://evil.example")));
        return tokens;
    }

    /** Tokens that must pass: a clock up to {@link #INSIDE_SKEW} s apart is tolerated. */
    public Map<String, String> acceptedAtTheSkew() {
        Instant now = Instant.now();
        return Map.of(
                "expired " + INSIDE_SKEW + " s ago", signed(rs256(), ours, c -> expiredAgo(c, now, INSIDE_SKEW)),
                "valid in " + INSIDE_SKEW + " s", signed(rs256(), ours,
                        c -> c.notBeforeTime(Date.from(now.plusSeconds(INSIDE_SKEW)))));
    }

    /** How many requests reached the attacker's key server (never fetched: 0). */
    public int attackerKeyFetches() {
        return attackerRequests.get();
    }

    /** Issued five minutes before it expired, as a real token would be. */
    private static JWTClaimsSet.Builder expiredAgo(JWTClaimsSet.Builder claims, Instant now, int seconds) {
        return claims.issueTime(Date.from(now.minusSeconds(seconds + 300L))).expirationTime(Date.from(now.minusSeconds(seconds)));
    }

    private JWSHeader.Builder rs256() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(ours.getKeyID());
    }

    private String signed(JWSHeader.Builder header, RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) {
        try {
            SignedJWT jwt = new SignedJWT(header.build(), change.apply(valid.get()).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hmacWithPublicKey() {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(ours.getKeyID()).build(),
                    valid.get().build());
            jwt.sign(new MACSigner(ours.toPublicJWK().toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        attackerSite.stop(0);
    }
}
