package io.xaostech.account.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.xaostech.account.AccountApiTestBase;
import io.xaostech.account.SignInForm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in with Google through OpenID Connect against a local server speaking Google's endpoints: the ID token is
 * signed with a key published on the stand-in's JWKS and carries the nonce Spring sent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GoogleSignInTest extends AccountApiTestBase {

    private static final FakeGoogle GOOGLE = new FakeGoogle();

    @DynamicPropertySource
    static void google(DynamicPropertyRegistry registry) {
        String provider = "spring.security.oauth2.client.provider.google.";
        registry.add(provider + "authorization-uri", () -> GOOGLE.url() + "/o/oauth2/v2/auth");
        registry.add(provider + "token-uri", () -> GOOGLE.url() + "/token");
        registry.add(provider + "jwk-set-uri", () -> GOOGLE.url() + "/certs");
        registry.add(provider + "user-info-uri", () -> GOOGLE.url() + "/userinfo");
    }

    @AfterAll
    static void stop() {
        GOOGLE.close();
    }

    /** First: the provider's key set is not cached yet, so the sign-in has to fetch it. */
    @Test
    @Order(1)
    void aRedirectFromTheKeySetIsNotFollowed() throws Exception {
        GOOGLE.user("moved-" + UUID.randomUUID().toString().substring(0, 6) + "@example.test");
        try (Elsewhere elsewhere = new Elsewhere()) {
            GOOGLE.redirect("/certs", elsewhere.url() + "/certs");
            int asked = GOOGLE.requests("/certs");
            try {
                HttpClient browser = new SignInForm(port).browser();
                String back = location(browser, URI.create(location(browser, api.http().uri("/oauth2/authorization/google"))));
                assertThat(location(browser, URI.create(back))).as("the sign-in fails").contains("error");
            } finally {
                GOOGLE.redirect("/certs", null);
            }
            assertThat(GOOGLE.requests("/certs")).as("the key set was asked for, and answered with a redirect")
                    .isGreaterThan(asked);
            assertThat(elsewhere.calls()).as("requests that reached the redirect's target (SSRF)").isZero();
        }
    }

    @Test
    @Order(2)
    void aGoogleUserGetsAVerifiedAccountAndTokensIdentifyOurUser() throws Exception {
        String email = "goo-" + UUID.randomUUID().toString().substring(0, 6) + "@example.test";
        String subject = GOOGLE.user(email);
        HttpClient browser = new SignInForm(port).browser();

        String toGoogle = location(browser, api.http().uri("/oauth2/authorization/google"));
        assertThat(toGoogle).startsWith(GOOGLE.url() + "/o/oauth2/v2/auth").contains("nonce=");
        String back = location(browser, URI.create(toGoogle));
        assertThat(location(browser, URI.create(back))).doesNotContain("error");

        String user = jdbc.sql("select user_id::text from user_identities where provider = 'google' and subject = ?")
                .param(subject).query(String.class).single();
        assertThat(jdbc.sql("select email_verified from users where id = ?::uuid").param(user)
                .query(Boolean.class).single()).as("Google vouches for the address").isTrue();
    }

    private static String location(HttpClient browser, URI uri) throws Exception {
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                response.statusCode() + " " + response.body()));
    }

    /** Google's OpenID Connect endpoints for one user at a time, with its own signing key. */
    static final class FakeGoogle extends FakeProvider {

        private final RSAKey key;
        private volatile String subject;
        private volatile String email;
        private volatile String nonce;

        FakeGoogle() {
            try {
                key = new RSAKeyGenerator(2048).keyID("fake-google").generate();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            authorizeAt("/o/oauth2/v2/auth", request -> nonce = request.get("nonce"));
            jsonAt("/token", () -> "{\"access_token\":\"ya29.fake\",\"token_type\":\"Bearer\",\"expires_in\":3599,"
                    + "\"scope\":\"openid email profile\",\"id_token\":\"" + idToken() + "\"}");
            jsonAt("/certs", () -> new JWKSet(key.toPublicJWK()).toString());
            jsonAt("/userinfo", () -> "{\"sub\":\"" + subject + "\",\"email\":\"" + email
                    + "\",\"email_verified\":true,\"name\":\"Goo Gle\"}");
            start();
        }

        String user(String email) {
            this.email = email;
            this.subject = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
            return subject;
        }

        private String idToken() {
            try {
                Instant now = Instant.now();
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                        new JWTClaimsSet.Builder().issuer("https://accounts.google.com").subject(subject)
                                .audience("dev-only-google-client").issueTime(Date.from(now))
                                .expirationTime(Date.from(now.plusSeconds(600))).claim("nonce", nonce)
                                .claim("email", email).claim("email_verified", true).build());
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
