package io.xaostech.account.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.account.AccountApiTestBase;
import io.xaostech.common.event.Topics;
import io.xaostech.common.event.UserDeleted;
import io.xaostech.common.problem.ProblemType;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Deleting an account: proof required, data anonymised, everything revoked, and the event reaches the stream. */
class AccountDeletionTest extends AccountApiTestBase {

    private static final String PASSWORD = "my own long passphrase";

    @Autowired
    StringRedisTemplate redis;

    @Test
    void deletionNeedsThePasswordThenAnonymisesRevokesAndPublishes() {
        String user = api.newUser("leaving-" + UUID.randomUUID() + "@example.test", PASSWORD);
        jdbc.sql("insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type) "
                + "values (?, 'webfront', ?, 'authorization_code')").params(UUID.randomUUID().toString(), user).update();
        String token = api.userToken(user);

        assertThat(api.delete("/api/v1/account/me", token, "{\"password\":\"not mine\"}").statusCode()).isEqualTo(403);
        assertThat(status(user)).isEqualTo("ACTIVE");

        HttpResponse<String> deleted = api.delete("/api/v1/account/me", token, "{\"password\":\"" + PASSWORD + "\"}");
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
        assertThat(api.delete("/api/v1/account/me", token, "{\"password\":\"" + PASSWORD + "\"}").statusCode()).isEqualTo(404);
        assertThat(api.delete("/api/v1/account/me", token, "{}").body())
                .contains(ProblemType.INVALID_REQUEST.uri().toString());
    }

    private String status(String user) {
        return jdbc.sql("select status from users where id = ?::uuid").param(user).query(String.class).single();
    }


}
