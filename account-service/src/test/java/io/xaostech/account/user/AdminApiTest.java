package io.xaostech.account.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.account.AccountApiTestBase;
import io.xaostech.account.AccountFixture;
import io.xaostech.account.SignInForm;
import io.xaostech.common.problem.ProblemType;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** User administration over HTTP, with tokens signed by the service's own key. */
class AdminApiTest extends AccountApiTestBase {

    private String adminToken;
    private String marker;

    @BeforeEach
    void setUp() {
        adminToken = api.userToken(api.newUser("admin"), List.of("USER", "ADMIN"));
        marker = "m" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void onlyAdministratorsMayAdminister() {
        String userToken = api.userToken(api.newUser("plain"), List.of("USER"));

        AccountFixture.assertProblem(api.get("/api/v1/account/admin/users", userToken), 403, ProblemType.FORBIDDEN);
        AccountFixture.assertProblem(api.get("/api/v1/account/admin/users", null), 401, ProblemType.UNAUTHORIZED);
    }

    @Test
    void searchIsPaginatedByCursor() {
        for (int i = 0; i < 3; i++) {
            api.newUser(marker + "-" + i);
        }
        HttpResponse<String> first = api.get("/api/v1/account/admin/users?limit=2&q=" + marker, adminToken);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat((List<?>) JsonPath.read(first.body(), "$.items")).hasSize(2);
        String cursor = JsonPath.read(first.body(), "$.nextCursor");

        HttpResponse<String> second = api.get("/api/v1/account/admin/users?limit=2&q=" + marker + "&cursor=" + cursor, adminToken);
        assertThat((List<?>) JsonPath.read(second.body(), "$.items")).hasSize(1);
        assertThat(second.body()).doesNotContain("nextCursor");

        HttpResponse<String> sneaky = api.get("/api/v1/account/admin/users?q="
                + URLEncoder.encode("%' or 1=1 --", StandardCharsets.UTF_8), adminToken);
        assertThat(sneaky.statusCode()).isEqualTo(200);
        assertThat((List<?>) JsonPath.read(sneaky.body(), "$.items")).isEmpty();
        AccountFixture.assertProblem(api.get("/api/v1/account/admin/users?cursor=garbage", adminToken), 400, ProblemType.INVALID_REQUEST);
        AccountFixture.assertProblem(api.get("/api/v1/account/admin/users?limit=1000", adminToken), 400, ProblemType.INVALID_REQUEST);
    }

    @Test
    void disablingEndsTheUsersSignInSessions() throws Exception {
        String email = marker + "-signed-in@example.test";
        String user = api.newUser(email, "a signed-in passphrase");
        SignInForm browser = new SignInForm(port);
        assertThat(browser.signIn(email, "a signed-in passphrase")).doesNotContain("error");
        assertThat(consentPage(browser)).as("signed in").doesNotEndWith("/login");

        assertThat(api.post("/api/v1/account/admin/users/" + user + "/disable", adminToken, "").statusCode()).isEqualTo(204);

        assertThat(consentPage(browser)).as("the browser's session is over").endsWith("/login");
        assertThat(jdbc.sql("select count(*) from user_sessions where user_id = ?::uuid and ended_at is null").param(user)
                .query(Integer.class).single()).isZero();
    }

    private String consentPage(SignInForm browser) throws Exception {
        return browser.browser().send(java.net.http.HttpRequest.newBuilder(api.http().uri("/oauth2/consent")).build(),
                HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location").orElse("");
    }

    @Test
    void disablingRevokesEveryTokenAndIsAudited() {
        String user = api.newUser(marker);
        jdbc.sql("insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type) "
                + "values (?, 'webfront', ?, 'authorization_code')").params(UUID.randomUUID().toString(), user).update();

        assertThat(api.post("/api/v1/account/admin/users/" + user + "/disable", adminToken, "").statusCode()).isEqualTo(204);

        assertThat(jdbc.sql("select count(*) from oauth2_authorization where principal_name = ?").param(user)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select status from users where id = ?::uuid").param(user).query(String.class).single())
                .isEqualTo("DISABLED");
        HttpResponse<String> audit = api.get("/api/v1/account/admin/audit-events?subject=" + user, adminToken);
        assertThat((List<String>) JsonPath.read(audit.body(), "$.items[*].type")).contains("USER_DISABLED");
        assertThat(api.post("/api/v1/account/admin/users/" + user + "/enable", adminToken, "").statusCode()).isEqualTo(204);

        HttpResponse<String> newest = api.get("/api/v1/account/admin/audit-events?limit=1&subject=" + user, adminToken);
        assertThat((List<String>) JsonPath.read(newest.body(), "$.items[*].type")).containsExactly("USER_ENABLED");
        HttpResponse<String> older = api.get("/api/v1/account/admin/audit-events?limit=1&subject=" + user + "&cursor="
                + JsonPath.read(newest.body(), "$.nextCursor"), adminToken);
        assertThat((List<String>) JsonPath.read(older.body(), "$.items[*].type")).containsExactly("USER_DISABLED");
        AccountFixture.assertProblem(api.get("/api/v1/account/admin/audit-events?cursor=abc", adminToken), 400,
                ProblemType.INVALID_REQUEST);
        AccountFixture.assertProblem(api.post("/api/v1/account/admin/users/" + UUID.randomUUID() + "/disable", adminToken, ""), 404,
                ProblemType.NOT_FOUND);
    }

    @Test
    void rolesAreReplacedButUserIsKept() {
        String user = api.newUser(marker);

        HttpResponse<String> changed = api.put("/api/v1/account/admin/users/" + user + "/roles", adminToken,
                "{\"roles\":[\"ADMIN\"]}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat((List<String>) JsonPath.read(changed.body(), "$.roles")).containsExactlyInAnyOrder("USER", "ADMIN");
        HttpResponse<String> unknownRole = api.put("/api/v1/account/admin/users/" + user + "/roles", adminToken, "{\"roles\":[\"ROOT\"]}");
        AccountFixture.assertProblem(unknownRole, 400, ProblemType.INVALID_REQUEST);
        assertThat(unknownRole.body()).contains("\"field\":\"roles[0]\"");
    }

    @Test
    void paymentsGrantsTheSupporterRoleWithAServiceToken() {
        String user = api.newUser(marker);
        String service = api.serviceToken("payments");

        HttpResponse<String> granted = api.put("/internal/users/" + user + "/roles/supporter", service, "");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat((List<String>) JsonPath.read(granted.body(), "$.roles")).contains("SUPPORTER");
        AccountFixture.assertProblem(api.put("/internal/users/" + user + "/roles/supporter", adminToken, ""), 401,
                ProblemType.UNAUTHORIZED);
    }
}
