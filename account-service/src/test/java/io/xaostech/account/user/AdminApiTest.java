package io.xaostech.account.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** User administration over HTTP, with tokens signed by the service's own key. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JwtEncoder encoder;

    @Autowired
    AccountProperties properties;

    private TestHttp http;
    private String adminToken;
    private String marker;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        adminToken = token(newUser("admin"), List.of("USER", "ADMIN"));
        marker = "m" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void onlyAdministratorsMayAdminister() {
        String userToken = token(newUser("plain"), List.of("USER"));

        assertProblem(get("/api/v1/account/admin/users", userToken), 403, ProblemType.FORBIDDEN);
        assertProblem(get("/api/v1/account/admin/users", null), 401, ProblemType.UNAUTHORIZED);
    }

    @Test
    void searchIsPaginatedByCursor() {
        for (int i = 0; i < 3; i++) {
            newUser(marker + "-" + i);
        }
        HttpResponse<String> first = get("/api/v1/account/admin/users?limit=2&q=" + marker, adminToken);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat((List<?>) JsonPath.read(first.body(), "$.items")).hasSize(2);
        String cursor = JsonPath.read(first.body(), "$.nextCursor");

        HttpResponse<String> second = get("/api/v1/account/admin/users?limit=2&q=" + marker + "&cursor=" + cursor, adminToken);
        assertThat((List<?>) JsonPath.read(second.body(), "$.items")).hasSize(1);
        assertThat(second.body()).doesNotContain("nextCursor");

        HttpResponse<String> sneaky = get("/api/v1/account/admin/users?q="
                + URLEncoder.encode("%' or 1=1 --", StandardCharsets.UTF_8), adminToken);
        assertThat(sneaky.statusCode()).isEqualTo(200);
        assertThat((List<?>) JsonPath.read(sneaky.body(), "$.items")).isEmpty();
        assertProblem(get("/api/v1/account/admin/users?cursor=garbage", adminToken), 400, ProblemType.INVALID_REQUEST);
        assertProblem(get("/api/v1/account/admin/users?limit=1000", adminToken), 400, ProblemType.BAD_REQUEST);
    }

    @Test
    void disablingRevokesEveryTokenAndIsAudited() {
        String user = newUser(marker);
        jdbc.sql("insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type) "
                + "values (?, 'webfront', ?, 'authorization_code')").params(UUID.randomUUID().toString(), user).update();

        assertThat(post("/api/v1/account/admin/users/" + user + "/disable", adminToken, "").statusCode()).isEqualTo(204);

        assertThat(jdbc.sql("select count(*) from oauth2_authorization where principal_name = ?").param(user)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select status from users where id = ?::uuid").param(user).query(String.class).single())
                .isEqualTo("DISABLED");
        HttpResponse<String> audit = get("/api/v1/account/admin/audit-events?subject=" + user, adminToken);
        assertThat((List<String>) JsonPath.read(audit.body(), "$[*].type")).contains("USER_DISABLED");
        assertThat(post("/api/v1/account/admin/users/" + user + "/enable", adminToken, "").statusCode()).isEqualTo(204);
        assertProblem(post("/api/v1/account/admin/users/" + UUID.randomUUID() + "/disable", adminToken, ""), 404,
                ProblemType.NOT_FOUND);
    }

    @Test
    void rolesAreReplacedButUserIsKept() {
        String user = newUser(marker);

        HttpResponse<String> changed = put("/api/v1/account/admin/users/" + user + "/roles", adminToken,
                "{\"roles\":[\"ADMIN\"]}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat((List<String>) JsonPath.read(changed.body(), "$.roles")).containsExactlyInAnyOrder("USER", "ADMIN");
        assertProblem(put("/api/v1/account/admin/users/" + user + "/roles", adminToken, "{\"roles\":[\"ROOT\"]}"), 400,
                ProblemType.BAD_REQUEST);
    }

    @Test
    void paymentsGrantsTheSupporterRoleWithAServiceToken() {
        String user = newUser(marker);
        String service = serviceToken();

        HttpResponse<String> granted = put("/internal/users/" + user + "/roles/supporter", service, "");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat((List<String>) JsonPath.read(granted.body(), "$.roles")).contains("SUPPORTER");
        assertProblem(put("/internal/users/" + user + "/roles/supporter", adminToken, ""), 401,
                ProblemType.UNAUTHORIZED);
    }

    private String newUser(String name) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("insert into users (id, email, display_name) values (?::uuid, ?, ?)")
                .params(id, name + "-" + id.substring(0, 6) + "@example.test", name).update();
        jdbc.sql("insert into user_roles (user_id, role) values (?::uuid, 'USER')").param(id).update();
        return id;
    }

    private String token(String subject, List<String> roles) {
        Instant now = Instant.now();
        return encoder.encode(JwtEncoderParameters.from(JwtClaimsSet.builder().issuer(properties.issuer().toString())
                .subject(subject).audience(List.of(Audiences.API)).issuedAt(now).expiresAt(now.plusSeconds(300))
                .claim("scope", "openid").claim("roles", roles).build())).getTokenValue();
    }

    private String serviceToken() {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(http.uri("/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "svc-payments:dev-only-payments-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=internal")));
        return JsonPath.read(token.body(), "$.access_token");
    }

    private HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request);
    }

    private HttpResponse<String> post(String path, String token, String json) {
        return http.send(HttpRequest.newBuilder(http.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> put(String path, String token, String json) {
        return http.send(HttpRequest.newBuilder(http.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static void assertProblem(HttpResponse<String> response, int status, ProblemType type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat((String) JsonPath.read(response.body(), "$.type")).isEqualTo(type.uri().toString());
    }
}
