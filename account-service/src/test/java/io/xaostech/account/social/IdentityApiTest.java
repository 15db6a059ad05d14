package io.xaostech.account.social;

import static io.xaostech.account.AccountFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.account.AccountApiTestBase;
import io.xaostech.common.problem.ProblemType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A user lists the provider identities linked to their account and unlinks them, never the last way in. */
class IdentityApiTest extends AccountApiTestBase {

    @Test
    void aUserWithoutPasswordKeepsTheirLastIdentity() {
        String user = api.newUser("social-only");
        link(user, "github", "gh-" + user);
        link(user, "google", "g-" + user);
        String token = api.userToken(user);

        assertThat((List<String>) JsonPath.read(api.get("/api/v1/account/me/identities", token).body(), "$[*].provider"))
                .containsExactly("github", "google");
        assertThat(api.delete("/api/v1/account/me/identities/github", token, "").statusCode()).isEqualTo(204);

        assertProblem(api.delete("/api/v1/account/me/identities/google", token, ""), 409, ProblemType.CONFLICT);
        assertProblem(api.delete("/api/v1/account/me/identities/github", token, ""), 404, ProblemType.NOT_FOUND);
        assertThat((List<String>) JsonPath.read(api.get("/api/v1/account/me/identities", token).body(), "$[*].provider"))
                .containsExactly("google");
    }

    @Test
    void aUserWithAPasswordMayUnlinkEveryIdentity() {
        String user = api.newUser("both-" + System.nanoTime() + "@example.test", "a long enough passphrase");
        link(user, "github", "gh-" + user);

        assertThat(api.delete("/api/v1/account/me/identities/github", api.userToken(user), "").statusCode()).isEqualTo(204);
        assertThat(api.get("/api/v1/account/me/identities", api.userToken(user)).body()).isEqualTo("[]");
    }

    private void link(String user, String provider, String subject) {
        jdbc.sql("insert into user_identities (provider, subject, user_id) values (?, ?, ?::uuid)")
                .params(provider, subject, user).update();
    }
}
