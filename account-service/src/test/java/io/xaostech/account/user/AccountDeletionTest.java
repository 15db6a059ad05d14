package io.xaostech.account.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.account.AccountApiTestBase;
import io.xaostech.common.event.SessionEnded;
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

    @Test
    void dataServiceExportsTheAccountAndItsErasureDeletesItOnce() {
        String email = "exported-" + UUID.randomUUID() + "@example.test";
        String user = api.newUser(email, PASSWORD);
        jdbc.sql("insert into user_identities (provider, subject, user_id) values ('github', ?, ?::uuid)")
                .params("gh-" + user, user).update();
        HttpResponse<String> key = api.post("/api/v1/account/api-keys", api.userToken(user),
                "{\"name\":\"exported key\",\"scopes\":[\"read\"]}");
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        String secret = JsonPath.read(key.body(), "$.key");
        String data = api.serviceToken("data");

        HttpResponse<String> export = api.get("/internal/privacy/export/" + user, data);
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(export.body(), "$.profile.email")).isEqualTo(email);
        assertThat((String) JsonPath.read(export.body(), "$.identities[0].subject")).isEqualTo("gh-" + user);
        assertThat((String) JsonPath.read(export.body(), "$.apiKeys[0].name")).isEqualTo("exported key");
        assertThat(export.body()).as("never a key's secret or hash").doesNotContain(secret.substring(10))
                .doesNotContainIgnoringCase("hash").doesNotContainIgnoringCase("password");
        assertThat(api.get("/internal/privacy/export/" + user, api.userToken(user)).statusCode())
                .as("a user's token does not open the internal API").isIn(401, 403);
        assertThat(api.post("/internal/privacy/erase/" + user, api.serviceToken("blog"), "").statusCode())
                .as("only data-service carries out privacy requests").isEqualTo(403);
        assertThat(status(user)).isEqualTo("ACTIVE");

        String sid = UUID.randomUUID().toString();
        jdbc.sql("insert into user_sessions (sid, user_id, device, client_ip, created_at) values (?::uuid, ?::uuid, "
                + "'Firefox on Linux', '203.0.113.7', now())").params(sid, user).update();
        HttpResponse<String> erased = api.post("/internal/privacy/erase/" + user, data, "");
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat((Boolean) JsonPath.read(erased.body(), "$.deleted")).isTrue();
        assertThat(status(user)).isEqualTo("DELETED");
        assertThat(jdbc.sql("select count(*) from user_identities where user_id = ?::uuid").param(user)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from api_keys where user_id = ?::uuid").param(user)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select actor from audit_events where type = 'USER_DELETED' and subject = ?").param(user)
                .query(String.class).single()).as("who erased it").isEqualTo("privacy-request");
        assertThat(jdbc.sql("select count(*) from user_sessions where user_id = ?::uuid and (ended_at is null "
                + "or device is not null or client_ip is not null)").param(user).query(Integer.class).single()).isZero();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                redis.opsForStream().range(Topics.ACCOUNT, Range.unbounded()))
                .as("its open session's end is announced, so chat closes its connections")
                .anySatisfy(record -> {
                    assertThat(record.getValue()).containsEntry(Topics.FIELD_TYPE, SessionEnded.TYPE);
                    assertThat((String) JsonPath.read((String) record.getValue().get(Topics.FIELD_ENVELOPE),
                            "$.payload.sessionId")).isEqualTo(sid);
                }));
        HttpResponse<String> again = api.post("/internal/privacy/erase/" + user, data, "");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat((Boolean) JsonPath.read(again.body(), "$.deleted")).as("erasing twice changes nothing").isFalse();
    }

    private String status(String user) {
        return jdbc.sql("select status from users where id = ?::uuid").param(user).query(String.class).single();
    }


}
