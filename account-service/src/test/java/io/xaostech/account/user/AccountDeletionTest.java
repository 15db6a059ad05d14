package io.xaostech.account.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.account.config.AccountProperties;
import io.xaostech.common.event.Topics;
import io.xaostech.common.event.UserDeleted;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Audiences;
import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** Deleting an account: proof required, data anonymised, everything revoked, and the event reaches the stream. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountDeletionTest {

    private static final String PASSWORD = "my own long passphrase";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JwtEncoder encoder;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    AccountProperties properties;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void deletionNeedsThePasswordThenAnonymisesRevokesAndPublishes() {
        String user = UUID.randomUUID().toString();
        jdbc.sql("insert into users (id, email, email_verified, display_name, password_hash) values (?::uuid, ?, true, 'Leaving', ?)")
                .params(user, "leaving-" + user + "@example.test", passwords.encode(PASSWORD)).update();
        jdbc.sql("insert into user_roles (user_id, role) values (?::uuid, 'USER')").param(user).update();
        jdbc.sql("insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type) "
                + "values (?, 'webfront', ?, 'authorization_code')").params(UUID.randomUUID().toString(), user).update();
        String token = token(user);

        assertThat(delete(token, "{\"password\":\"not mine\"}").statusCode()).isEqualTo(403);
        assertThat(status(user)).isEqualTo("ACTIVE");

        HttpResponse<String> deleted = delete(token, "{\"password\":\"" + PASSWORD + "\"}");
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);

        assertThat(status(user)).isEqualTo("DELETED");
        assertThat(jdbc.sql("select email from users where id = ?::uuid").param(user).query(String.class).single())
                .doesNotContain("leaving-");
        assertThat(jdbc.sql("select count(*) from oauth2_authorization where principal_name = ?").param(user)
                .query(Integer.class).single()).isZero();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                redis.opsForStream().range(Topics.ACCOUNT, Range.unbounded()))
                .anySatisfy(record -> {
                    assertThat(record.getValue()).containsEntry(Topics.FIELD_TYPE, UserDeleted.TYPE);
                    String envelope = (String) record.getValue().get(Topics.FIELD_ENVELOPE);
                    assertThat((String) JsonPath.read(envelope, "$.payload.userId")).isEqualTo(user);
                    assertThat((String) JsonPath.read(envelope, "$.source")).isEqualTo("account");
                }));
        assertThat(delete(token, "{\"password\":\"" + PASSWORD + "\"}").statusCode()).isEqualTo(404);
        assertThat(new TestHttp(port).send(HttpRequest.newBuilder(new TestHttp(port).uri("/api/v1/account/me"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{}"))).body())
                .contains(ProblemType.INVALID_REQUEST.uri().toString());
    }

    private String status(String user) {
        return jdbc.sql("select status from users where id = ?::uuid").param(user).query(String.class).single();
    }

    private HttpResponse<String> delete(String token, String json) {
        TestHttp http = new TestHttp(port);
        return http.send(HttpRequest.newBuilder(http.uri("/api/v1/account/me"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(json)));
    }

    private String token(String subject) {
        Instant now = Instant.now();
        return encoder.encode(JwtEncoderParameters.from(JwtClaimsSet.builder().issuer(properties.issuer().toString())
                .subject(subject).audience(List.of(Audiences.API)).issuedAt(now).expiresAt(now.plusSeconds(300))
                .claim("scope", "openid").build())).getTokenValue();
    }
}
