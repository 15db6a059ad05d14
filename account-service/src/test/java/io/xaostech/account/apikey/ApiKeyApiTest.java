package io.xaostech.account.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.account.config.AccountProperties;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Audiences;
import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * API keys over HTTP: a user creates, lists and revokes keys with a user token; services resolve them with a
 * service token obtained from the real token endpoint. User tokens here are signed by the service's own key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiKeyApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JwtEncoder encoder;

    @Autowired
    AccountProperties properties;

    private TestHttp http;
    private String userId;
    private String userToken;
    private String serviceToken;

    @BeforeEach
    void aUserAndAService() {
        http = new TestHttp(port);
        userId = newUser();
        userToken = userToken(userId);
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(http.uri("/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "svc-gateway:dev-only-gateway-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=internal")));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        serviceToken = JsonPath.read(token.body(), "$.access_token");
    }

    @Test
    void createListResolveAndRevoke() {
        HttpResponse<String> created = post("/api/v1/account/api-keys", userToken,
                "{\"name\":\"translator\",\"scopes\":[\"translate\",\"read\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        String key = JsonPath.read(created.body(), "$.key");
        String id = JsonPath.read(created.body(), "$.id");
        assertThat(key).startsWith("xk_").startsWith((String) JsonPath.read(created.body(), "$.prefix"));

        HttpResponse<String> listed = get("/api/v1/account/api-keys", userToken);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(id).doesNotContain(key);

        HttpResponse<String> resolved = post("/internal/api-keys/resolve", serviceToken, "{\"key\":\"" + key + "\"}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(resolved.body(), "$.userId")).isEqualTo(userId);
        assertThat((List<String>) JsonPath.read(resolved.body(), "$.scopes")).containsExactlyInAnyOrder("translate", "read");
        assertThat((String) JsonPath.read(resolved.body(), "$.plan")).isEqualTo("user");

        HttpResponse<String> revoked = http.send(HttpRequest.newBuilder(http.uri("/api/v1/account/api-keys/" + id))
                .header("Authorization", "Bearer " + userToken).DELETE());
        assertThat(revoked.statusCode()).isEqualTo(204);
        assertProblem(post("/internal/api-keys/resolve", serviceToken, "{\"key\":\"" + key + "\"}"), 404,
                ProblemType.NOT_FOUND);
    }

    @Test
    void supporterPlanComesFromTheRole() {
        jdbc.sql("insert into user_roles (user_id, role) values (?::uuid, 'SUPPORTER')").param(userId).update();
        String key = JsonPath.read(post("/api/v1/account/api-keys", userToken,
                "{\"name\":\"k\",\"scopes\":[\"translate\"]}").body(), "$.key");

        HttpResponse<String> resolved = post("/internal/api-keys/resolve", serviceToken, "{\"key\":\"" + key + "\"}");
        assertThat((String) JsonPath.read(resolved.body(), "$.plan")).isEqualTo("supporter");
    }

    @Test
    void aKeyWithTheRightPrefixButAnotherSecretIsUnknown() {
        String key = JsonPath.read(post("/api/v1/account/api-keys", userToken,
                "{\"name\":\"k\",\"scopes\":[\"read\"]}").body(), "$.key");
        String forged = key.substring(0, key.length() - 4) + (key.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertProblem(post("/internal/api-keys/resolve", serviceToken, "{\"key\":\"" + forged + "\"}"), 404,
                ProblemType.NOT_FOUND);
        assertProblem(post("/internal/api-keys/resolve", serviceToken, "{\"key\":\"' or 1=1 --\"}"), 404,
                ProblemType.NOT_FOUND);
    }

    @Test
    void disabledOwnersKeysStopWorking() {
        String key = JsonPath.read(post("/api/v1/account/api-keys", userToken,
                "{\"name\":\"k\",\"scopes\":[\"read\"]}").body(), "$.key");
        jdbc.sql("update users set status = 'DISABLED' where id = ?::uuid").param(userId).update();

        assertProblem(post("/internal/api-keys/resolve", serviceToken, "{\"key\":\"" + key + "\"}"), 404,
                ProblemType.NOT_FOUND);
    }

    @Test
    void anotherUserCannotRevokeMyKey() {
        String id = JsonPath.read(post("/api/v1/account/api-keys", userToken,
                "{\"name\":\"mine\",\"scopes\":[\"read\"]}").body(), "$.id");
        String intruder = userToken(newUser());

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(http.uri("/api/v1/account/api-keys/" + id))
                .header("Authorization", "Bearer " + intruder).DELETE());

        assertProblem(response, 404, ProblemType.NOT_FOUND);
    }

    @Test
    void resolvingNeedsAServiceToken() {
        assertProblem(post("/internal/api-keys/resolve", null, "{\"key\":\"x\"}"), 401, ProblemType.UNAUTHORIZED);
        assertProblem(post("/internal/api-keys/resolve", userToken, "{\"key\":\"x\"}"), 401, ProblemType.UNAUTHORIZED);
        assertProblem(get("/api/v1/account/api-keys", serviceToken), 401, ProblemType.UNAUTHORIZED);
        assertProblem(get("/api/v1/account/api-keys", "not.a.jwt"), 401, ProblemType.UNAUTHORIZED);
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        HttpResponse<String> blank = post("/api/v1/account/api-keys", userToken, "{\"name\":\"\",\"scopes\":[]}");
        assertProblem(blank, 400, ProblemType.INVALID_REQUEST);
        assertThat(blank.body()).contains("\"field\":\"name\"").contains("\"field\":\"scopes\"");

        assertProblem(post("/api/v1/account/api-keys", userToken,
                "{\"name\":\"" + "x".repeat(10_000) + "\",\"scopes\":[\"read\"]}"), 400, ProblemType.INVALID_REQUEST);
        assertProblem(post("/api/v1/account/api-keys", userToken, "{\"name\":\"k\",\"scopes\":[\"root\"]}"), 400,
                ProblemType.BAD_REQUEST);
        assertProblem(post("/api/v1/account/api-keys", userToken, "{\"name\":"), 400, ProblemType.BAD_REQUEST);
        assertProblem(post("/api/v1/account/api-keys", userToken,
                "{\"name\":\"k\",\"scopes\":[\"read\"],\"expiresAt\":\"2001-01-01T00:00:00Z\"}"), 400,
                ProblemType.INVALID_REQUEST);
        assertThat(get("/api/v1/account/api-keys", userToken).body()).isEqualTo("[]");
    }

    private String newUser() {
        String id = UUID.randomUUID().toString();
        jdbc.sql("insert into users (id, email, display_name) values (?::uuid, ?, 'Key owner')")
                .params(id, "owner-" + id + "@example.test").update();
        jdbc.sql("insert into user_roles (user_id, role) values (?::uuid, 'USER')").param(id).update();
        return id;
    }

    private String userToken(String subject) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(properties.issuer().toString()).subject(subject)
                .audience(List.of(Audiences.API)).issuedAt(now).expiresAt(now.plusSeconds(300))
                .claim("scope", "openid").build();
        return encoder.encode(JwtEncoderParameters.from(claims)).getTokenValue();
    }

    private HttpResponse<String> get(String path, String token) {
        return http.send(HttpRequest.newBuilder(http.uri(path)).header("Authorization", "Bearer " + token).GET());
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
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat((String) JsonPath.read(response.body(), "$.type")).isEqualTo(type.uri().toString());
    }
}
