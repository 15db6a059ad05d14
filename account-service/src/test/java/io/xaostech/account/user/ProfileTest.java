package io.xaostech.account.user;

import static io.xaostech.account.AccountFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.account.AccountApiTestBase;
import io.xaostech.common.problem.ProblemType;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A user reads their own account and changes their display name; a disabled or unknown one reads nothing. */
class ProfileTest extends AccountApiTestBase {

    @Test
    void aUserReadsAndRenamesTheirAccount() {
        String email = "profile-" + UUID.randomUUID() + "@example.test";
        String user = api.newUser(email, "a long enough passphrase");
        String token = api.userToken(user);

        HttpResponse<String> me = api.get("/api/v1/account/me", token);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(me.body(), "$.email")).isEqualTo(email);
        assertThat((List<String>) JsonPath.read(me.body(), "$.roles")).containsExactly("USER");
        assertThat((Boolean) JsonPath.read(me.body(), "$.hasPassword")).isTrue();
        assertThat(me.body()).doesNotContain("argon2").doesNotContain("password_hash");

        HttpResponse<String> renamed = api.http().send(java.net.http.HttpRequest.newBuilder(api.http().uri("/api/v1/account/me"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"displayName\":\"  O'Brien; drop table users --  \"}")));
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(renamed.body(), "$.displayName")).isEqualTo("O'Brien; drop table users --");

        HttpResponse<String> tooLong = api.http().send(java.net.http.HttpRequest.newBuilder(api.http().uri("/api/v1/account/me"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"displayName\":\"" + "x".repeat(10_000) + "\"}")));
        assertProblem(tooLong, 400, ProblemType.INVALID_REQUEST);

        jdbc.sql("update users set status = 'DISABLED' where id = ?::uuid").param(user).update();
        assertProblem(api.get("/api/v1/account/me", token), 404, ProblemType.NOT_FOUND);
    }
}
