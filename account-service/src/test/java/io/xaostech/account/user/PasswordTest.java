package io.xaostech.account.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.account.SignInForm;
import io.xaostech.account.config.AccountProperties;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Audiences;
import io.xaostech.platform.test.TestHttp;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PasswordTest {

    private static final String OLD = "the old passphrase here";
    private static final String NEW = "a brand new passphrase";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    JwtEncoder encoder;

    @Autowired
    AccountProperties properties;

    private TestHttp http;
    private String user;
    private String email;

    @BeforeEach
    void aUser() {
        http = new TestHttp(port);
        user = UUID.randomUUID().toString();
        email = "pw-" + user.substring(0, 8) + "@example.test";
        jdbc.sql("insert into users (id, email, email_verified, display_name, password_hash) values (?::uuid, ?, true, 'P', ?)")
                .params(user, email, passwords.encode(OLD)).update();
        jdbc.sql("insert into user_roles (user_id, role) values (?::uuid, 'USER')").param(user).update();
        jdbc.sql("insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type) "
                + "values (?, 'webfront', ?, 'authorization_code')").params(UUID.randomUUID().toString(), user).update();
    }

    @Test
    void changingNeedsTheCurrentPasswordAndEndsOtherSessions() {
        String token = token();
        assertProblem(post("/api/v1/account/me/password", token,
                "{\"currentPassword\":\"wrong one\",\"newPassword\":\"" + NEW + "\"}"), 403, ProblemType.FORBIDDEN);
        HttpResponse<String> weak = post("/api/v1/account/me/password", token,
                "{\"currentPassword\":\"" + OLD + "\",\"newPassword\":\"password123\"}");
        assertProblem(weak, 400, ProblemType.INVALID_REQUEST);
        assertThat(weak.body()).contains("\"field\":\"newPassword\"");

        assertThat(post("/api/v1/account/me/password", token,
                "{\"currentPassword\":\"" + OLD + "\",\"newPassword\":\"" + NEW + "\"}").statusCode()).isEqualTo(204);

        assertThat(passwords.matches(NEW, hash())).isTrue();
        assertThat(authorizations()).isZero();
    }

    @Test
    void resetByMailedTokenOnceAndTheSameAnswerForUnknownAddresses() {
        HttpResponse<String> known = post("/api/v1/account/password-resets", null, "{\"email\":\"" + email + "\"}");
        HttpResponse<String> unknown = post("/api/v1/account/password-resets", null,
                "{\"email\":\"nobody-" + UUID.randomUUID() + "@example.test\"}");
        assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(202);
        assertThat(known.body()).isEqualTo(unknown.body());

        String token = resetTokenFromMail();
        assertThat(post("/api/v1/account/password-resets/confirm", null,
                "{\"token\":\"" + token + "\",\"newPassword\":\"" + NEW + "\"}").statusCode()).isEqualTo(204);
        assertThat(passwords.matches(NEW, hash())).isTrue();
        assertThat(authorizations()).isZero();
        assertProblem(post("/api/v1/account/password-resets/confirm", null,
                "{\"token\":\"" + token + "\",\"newPassword\":\"yet another passphrase\"}"), 400, ProblemType.INVALID_REQUEST);
    }

    @Test
    void resetMailsAreLimitedPerAddress() {
        for (int i = 0; i < PasswordService.RESETS_PER_HOUR + 2; i++) {
            assertThat(post("/api/v1/account/password-resets", null, "{\"email\":\"" + email + "\"}").statusCode())
                    .isEqualTo(202);
        }
        assertThat((List<?>) JsonPath.read(mailbox(), "$")).hasSize(PasswordService.RESETS_PER_HOUR);
    }

    @Test
    void anOlderHashIsUpgradedAtSignIn() throws Exception {
        jdbc.sql("update users set password_hash = ? where id = ?::uuid")
                .params("{bcrypt}" + new BCryptPasswordEncoder().encode(OLD), user).update();

        assertThat(new SignInForm(port).signIn(email, OLD)).doesNotContain("error");

        assertThat(hash()).startsWith("{argon2id}");
        assertThat(passwords.matches(OLD, hash())).isTrue();
    }

    private String hash() {
        return jdbc.sql("select password_hash from users where id = ?::uuid").param(user).query(String.class).single();
    }

    private int authorizations() {
        return jdbc.sql("select count(*) from oauth2_authorization where principal_name = ?").param(user)
                .query(Integer.class).single();
    }

    private String resetTokenFromMail() {
        String body = JsonPath.read(mailbox(), "$[0].body");
        Matcher token = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(body);
        assertThat(token.find()).as(body).isTrue();
        return token.group(1);
    }

    private String mailbox() {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(http.uri("/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "svc-webfront:dev-only-webfront-service-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=internal")));
        String service = JsonPath.read(token.body(), "$.access_token");
        return http.send(HttpRequest.newBuilder(http.uri("/internal/dev/mailbox?to="
                + URLEncoder.encode(email, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + service).GET()).body();
    }

    private String token() {
        Instant now = Instant.now();
        return encoder.encode(JwtEncoderParameters.from(JwtClaimsSet.builder().issuer(properties.issuer().toString())
                .subject(user).audience(List.of(Audiences.API)).issuedAt(now).expiresAt(now.plusSeconds(300))
                .claim("scope", "openid").build())).getTokenValue();
    }

    private HttpResponse<String> post(String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request);
    }

    private static void assertProblem(HttpResponse<String> response, int status, ProblemType type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat((String) JsonPath.read(response.body(), "$.type")).isEqualTo(type.uri().toString());
    }
}
