package io.xaostech.account.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.account.AccountApiTestBase;
import io.xaostech.account.AccountFixture;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API keys over HTTP: a user creates, lists and revokes keys with a user token; services resolve them with a
 * service token obtained from the real token endpoint. User tokens here are signed by the service's own key.
 */
class ApiKeyApiTest extends AccountApiTestBase {

    private TestHttp http;
    private String userId;
    private String userToken;
    private String serviceToken;

    @BeforeEach
    void aUserAndAService() {
        http = api.http();
        userId = api.newUser("owner");
        userToken = api.userToken(userId);
        serviceToken = api.serviceToken("gateway");
    }

    @Test
    void createListResolveAndRevoke() {
        HttpResponse<String> created = api.post("/api/v1/account/api-keys", userToken,
                "{\"name\":\"translator\",\"scopes\":[\"translate\",\"read\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        String key = JsonPath.read(created.body(), "$.key");
        String id = JsonPath.read(created.body(), "$.id");
        assertThat(key).startsWith("xk_").startsWith((String) JsonPath.read(created.body(), "$.prefix"));

        HttpResponse<String> listed = api.get("/api/v1/account/api-keys", userToken);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(id).doesNotContain(key);

        HttpResponse<String> resolved = api.post("/internal/api-keys/resolve", serviceToken, "{\"key\":\"" + key + "\"}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(resolved.body(), "$.userId")).isEqualTo(userId);
        assertThat((List<String>) JsonPath.read(resolved.body(), "$.scopes")).containsExactlyInAnyOrder("translate", "read");
        assertThat((String) JsonPath.read(resolved.body(), "$.plan")).isEqualTo("user");

        HttpResponse<String> revoked = http.send(HttpRequest.newBuilder(http.uri("/api/v1/account/api-keys/" + id))
                .header("Authorization", "Bearer " + userToken).DELETE());
        assertThat(revoked.statusCode()).isEqualTo(204);
        AccountFixture.assertProblem(api.post("/internal/api-keys/resolve", serviceToken, "{\"key\":\"" + key + "\"}"), 404,
                ProblemType.NOT_FOUND);
    }

    @Test
    void supporterPlanComesFromTheRole() {
        jdbc.sql("insert into user_roles (user_id, role) values (?::uuid, 'SUPPORTER')").param(userId).update();
        String key = JsonPath.read(api.post("/api/v1/account/api-keys", userToken,
                "{\"name\":\"k\",\"scopes\":[\"translate\"]}").body(), "$.key");

        HttpResponse<String> resolved = api.post("/internal/api-keys/resolve", serviceToken, "{\"key\":\"" + key + "\"}");
        assertThat((String) JsonPath.read(resolved.body(), "$.plan")).isEqualTo("supporter");
    }

    @Test
    void aKeyWithTheRightPrefixButAnotherSecretIsUnknown() {
        String key = JsonPath.read(api.post("/api/v1/account/api-keys", userToken,
                "{\"name\":\"k\",\"scopes\":[\"read\"]}").body(), "$.key");
        String forged = key.substring(0, key.length() - 4) + (key.endsWith("AAAA") ? "BBBB" : "AAAA");

        AccountFixture.assertProblem(api.post("/internal/api-keys/resolve", serviceToken, "{\"key\":\"" + forged + "\"}"), 404,
                ProblemType.NOT_FOUND);
        AccountFixture.assertProblem(api.post("/internal/api-keys/resolve", serviceToken, "{\"key\":\"' or 1=1 --\"}"), 404,
                ProblemType.NOT_FOUND);
    }

    @Test
    void disabledOwnersKeysStopWorking() {
        String key = JsonPath.read(api.post("/api/v1/account/api-keys", userToken,
                "{\"name\":\"k\",\"scopes\":[\"read\"]}").body(), "$.key");
        jdbc.sql("update users set status = 'DISABLED' where id = ?::uuid").param(userId).update();

        AccountFixture.assertProblem(api.post("/internal/api-keys/resolve", serviceToken, "{\"key\":\"" + key + "\"}"), 404,
                ProblemType.NOT_FOUND);
    }

    @Test
    void anotherUserCannotRevokeMyKey() {
        String id = JsonPath.read(api.post("/api/v1/account/api-keys", userToken,
                "{\"name\":\"mine\",\"scopes\":[\"read\"]}").body(), "$.id");
        String intruder = api.userToken(api.newUser("intruder"));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(http.uri("/api/v1/account/api-keys/" + id))
                .header("Authorization", "Bearer " + intruder).DELETE());

        AccountFixture.assertProblem(response, 404, ProblemType.NOT_FOUND);
    }

    @Test
    void resolvingNeedsAServiceToken() {
        AccountFixture.assertProblem(api.post("/internal/api-keys/resolve", null, "{\"key\":\"x\"}"), 401, ProblemType.UNAUTHORIZED);
        AccountFixture.assertProblem(api.post("/internal/api-keys/resolve", userToken, "{\"key\":\"x\"}"), 401, ProblemType.UNAUTHORIZED);
        AccountFixture.assertProblem(api.get("/api/v1/account/api-keys", serviceToken), 401, ProblemType.UNAUTHORIZED);
        AccountFixture.assertProblem(api.get("/api/v1/account/api-keys", "not.a.jwt"), 401, ProblemType.UNAUTHORIZED);
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        HttpResponse<String> blank = api.post("/api/v1/account/api-keys", userToken, "{\"name\":\"\",\"scopes\":[]}");
        AccountFixture.assertProblem(blank, 400, ProblemType.INVALID_REQUEST);
        assertThat(blank.body()).contains("\"field\":\"name\"").contains("\"field\":\"scopes\"");

        AccountFixture.assertProblem(api.post("/api/v1/account/api-keys", userToken,
                "{\"name\":\"" + "x".repeat(10_000) + "\",\"scopes\":[\"read\"]}"), 400, ProblemType.INVALID_REQUEST);
        HttpResponse<String> unknownScope = api.post("/api/v1/account/api-keys", userToken, "{\"name\":\"k\",\"scopes\":[\"root\"]}");
        AccountFixture.assertProblem(unknownScope, 400, ProblemType.INVALID_REQUEST);
        assertThat(unknownScope.body()).contains("\"field\":\"scopes[0]\"");
        AccountFixture.assertProblem(api.post("/api/v1/account/api-keys", userToken, "{\"name\":"), 400, ProblemType.BAD_REQUEST);
        AccountFixture.assertProblem(api.post("/api/v1/account/api-keys", userToken,
                "{\"name\":\"k\",\"scopes\":[\"read\"],\"expiresAt\":\"2001-01-01T00:00:00Z\"}"), 400,
                ProblemType.INVALID_REQUEST);
        assertThat(api.get("/api/v1/account/api-keys", userToken).body()).isEqualTo("[]");
    }
}
