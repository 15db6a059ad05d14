package io.xaostech.account.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.xaostech.account.config.AccountProperties;
import io.xaostech.account.keys.SigningKeys;
import io.xaostech.common.security.Audiences;
import io.xaostech.platform.test.ForgedTokens;
import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** SECURITY-CHECKLIST 1–3 against account's own API: only well-formed RS256 tokens of ours, for this API, pass. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenValidationTest {

    @LocalServerPort
    int port;

    @Autowired
    SigningKeys keys;

    @Autowired
    AccountProperties properties;

    @Test
    void aProperTokenPasses() throws Exception {
        assertThat(status(signed(keys.current(), c -> c))).isEqualTo(200);
    }

    @Test
    void forgedOrMisdirectedTokensAreRefusedAndTheSkewIsUnderAMinute() {
        try (ForgedTokens forged = new ForgedTokens(keys.current(), () -> new JWTClaimsSet.Builder(claims(c -> c)))) {
            forged.refused().forEach((what, token) -> assertThat(status(token)).as(what).isEqualTo(401));
            forged.acceptedAtTheSkew().forEach((what, token) -> assertThat(status(token)).as(what).isEqualTo(200));
            assertThat(forged.attackerKeyFetches()).as("requests for keys the tokens named").isZero();
        }
    }

    private int status(String token) {
        TestHttp http = new TestHttp(port);
        return http.send(HttpRequest.newBuilder(http.uri("/api/v1/account/api-keys"))
                .header("Authorization", "Bearer " + token).GET()).statusCode();
    }

    private String signed(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims(change));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        return change.apply(new JWTClaimsSet.Builder()
                .issuer(properties.issuer().toString()).subject(UUID.randomUUID().toString())
                .audience(List.of(Audiences.API)).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("scope", "openid")).build();
    }
}
