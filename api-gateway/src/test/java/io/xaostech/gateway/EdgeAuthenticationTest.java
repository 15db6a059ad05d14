package io.xaostech.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.service.XaosService;
import io.xaostech.platform.test.ForgedTokens;
import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every way a caller can present credentials at the edge, and every way they can be wrong. account is
 * {@link FakeAccount} (its protocol, keys made here); chat's route requires authentication.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xaos.gateway.auth.jwks-min-refresh-interval=1s", "xaos.gateway.auth.api-key-cache-ttl=1s"})
class EdgeAuthenticationTest extends GatewayTestBase {

    @Test
    void aValidTokenPassesAndIsForwardedAsItCame() throws InterruptedException {
        String token = ACCOUNT.token(UUID.randomUUID().toString());

        HttpResponse<String> response = chat("Bearer " + token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(BACKENDS.get(XaosService.CHAT).next().header("Authorization")).isEqualTo("Bearer " + token);
    }

    @Test
    void noCredentialsOnAnAuthenticatedRouteIs401WithAChallenge() {
        HttpResponse<String> response = chat(null);

        assertProblem(response, 401, ProblemType.UNAUTHORIZED);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
        assertThat(BACKENDS.get(XaosService.CHAT).nothingReceived()).isTrue();
    }

    @Test
    void everyKindOfBadTokenIsRefusedAndKeysNamedInATokenAreNeverFetched() {
        String user = UUID.randomUUID().toString();
        try (ForgedTokens forged = new ForgedTokens(ACCOUNT.currentKey(), () -> new JWTClaimsSet.Builder(claims(user)))) {
            Map<String, String> bad = new java.util.LinkedHashMap<>(forged.refused());
            bad.put("HS256 keyed with the public JWK's JSON", hmacWithPublicKey(user));
            bad.put("not a JWT", "abc.def");
            for (var entry : bad.entrySet()) {
                HttpResponse<String> response = api("/api/v1/blog/posts", "Bearer " + entry.getValue());
                assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).as(entry.getKey())
                        .contains("error=\"invalid_token\"");
            }
            assertThat(BACKENDS.get(XaosService.BLOG).nothingReceived()).as("a bad token is refused even on a public route")
                    .isTrue();
            forged.acceptedAtTheSkew().forEach((what, token) -> assertThat(chat("Bearer " + token).statusCode()).as(what)
                    .isEqualTo(200));
            assertThat(forged.attackerKeyFetches()).as("requests for keys the tokens named").isZero();
        }
    }

    @Test
    void aRotatedKeyIsPickedUpWithoutRestartAndUnknownKidsCannotHammerAccount() throws InterruptedException {
        Thread.sleep(1100);
        ACCOUNT.rotate();
        String signedWithNewKey = ACCOUNT.token(UUID.randomUUID().toString());

        assertThat(chat("Bearer " + signedWithNewKey).statusCode()).isEqualTo(200);

        int fetches = ACCOUNT.jwksFetches.get();
        for (int i = 0; i < 10; i++) {
            String madeUpKid = FakeAccount.sign(FakeAccount.newKey(), claims("x"), JWSAlgorithm.RS256, UUID.randomUUID().toString());
            assertThat(chat("Bearer " + madeUpKid).statusCode()).isEqualTo(401);
        }
        assertThat(ACCOUNT.jwksFetches.get() - fetches).as("key-set fetches caused by unknown kids").isLessThanOrEqualTo(1);
    }

    @Test
    void apiKeysResolveThroughAccountOnceAndRevocationShowsWithinTheCacheTime() throws InterruptedException {
        String key = ACCOUNT.issueApiKey(UUID.randomUUID().toString(), "user", "read");
        int before = ACCOUNT.resolutions.get();

        assertThat(chat("ApiKey " + key).statusCode()).isEqualTo(200);
        assertThat(api("/api/v1/chat/rooms", null, Map.of("X-API-Key", key)).statusCode()).isEqualTo(200);
        assertThat(ACCOUNT.resolutions.get() - before).as("resolved once, then from Redis").isEqualTo(1);
        assertThat(redis.keys("api:key:*")).hasSize(1).noneMatch(k -> k.contains(key));

        ACCOUNT.revokeApiKey(key);
        Thread.sleep(1200);
        HttpResponse<String> revoked = chat("ApiKey " + key);
        assertProblem(revoked, 401, ProblemType.UNAUTHORIZED);
    }

    @Test
    void malformedAndUnknownApiKeysAreRefused() {
        int before = ACCOUNT.resolutions.get();
        assertProblem(chat("ApiKey not-a-key"), 401, ProblemType.UNAUTHORIZED);
        assertThat(ACCOUNT.resolutions.get()).as("a key without the key format is never looked up").isEqualTo(before);

        String unknown = "xk_abcdefgh_" + "A".repeat(43);
        assertProblem(chat("ApiKey " + unknown), 401, ProblemType.UNAUTHORIZED);
        assertProblem(chat("ApiKey " + unknown), 401, ProblemType.UNAUTHORIZED);
        assertThat(ACCOUNT.resolutions.get() - before).as("an unknown key is cached too").isEqualTo(1);
    }

    @Test
    void basicAuthOfOAuthClientsPassesThroughToAccount() {
        HttpResponse<String> response = api("/auth/oauth2/introspect", "Basic " + Base64.getEncoder()
                .encodeToString("cli:secret".getBytes(StandardCharsets.UTF_8)));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aPublicRouteNeedsNoCredentials() throws InterruptedException {
        assertThat(api("/api/v1/blog/posts", null).statusCode()).isEqualTo(200);
        assertThat(BACKENDS.get(XaosService.BLOG).next().path()).isEqualTo("/api/v1/blog/posts");
    }

    private static JWTClaimsSet claims(String user) {
        return new JWTClaimsSet.Builder().issuer(FakeAccount.ISSUER).subject(user).audience("api")
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
    }

    private static String hmacWithPublicKey(String user) {
        try {
            byte[] secret = ACCOUNT.currentKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(ACCOUNT.currentKey().getKeyID()).build(),
                    claims(user));
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> chat(String authorization) {
        return api("/api/v1/chat/rooms", authorization);
    }

    private HttpResponse<String> api(String path, String authorization) {
        return api(path, authorization, Map.of());
    }

    private HttpResponse<String> api(String path, String authorization, Map<String, String> extra) {
        Map<String, String> headers = new java.util.HashMap<>(extra);
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return get(path, headers);
    }

}
