package io.xaostech.account.client;

import static io.xaostech.account.AccountFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.xaostech.account.AccountApiTestBase;
import io.xaostech.common.problem.ProblemType;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An admin registers third-party clients over the API; the registered client works with the protocol at once. */
class ClientAdminTest extends AccountApiTestBase {

    private static final String CALLBACK = "https://partner.example/oauth/callback";

    private String admin;

    @BeforeEach
    void anAdmin() {
        admin = api.userToken(api.newUser("client-admin"), List.of("USER", "ADMIN"));
    }

    @Test
    void aRegisteredConfidentialClientAuthenticatesWithTheSecretShownOnce() {
        HttpResponse<String> created = register("""
                {"name": "Partner app", "type": "CONFIDENTIAL", "redirectUris": ["%s"],
                 "scopes": ["openid", "profile", "offline_access"]}""".formatted(CALLBACK));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String clientId = JsonPath.read(created.body(), "$.clientId");
        String secret = JsonPath.read(created.body(), "$.clientSecret");
        assertThat(clientId).startsWith("app-");
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/admin/clients/" + clientId);
        assertThat((Boolean) JsonPath.read(created.body(), "$.client.requireConsent")).isTrue();
        assertThat(jdbc.sql("select client_secret from oauth2_registered_client where client_id = ?").param(clientId)
                .query(String.class).single()).startsWith("{sha256}").doesNotContain(secret);

        assertThat(introspectAs(clientId, secret).statusCode()).isEqualTo(200);
        assertThat(introspectAs(clientId, "wrong").statusCode()).isEqualTo(401);
        assertThat(authorize(clientId, CALLBACK).headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(authorize(clientId, CALLBACK + "/other").statusCode()).as("redirect URIs match exactly").isEqualTo(400);

        HttpResponse<String> fetched = api.get("/api/v1/account/admin/clients/" + clientId, admin);
        assertThat(fetched.body()).doesNotContain(secret).contains("\"managedBy\":\"admin\"");
        assertThat(api.get("/api/v1/account/admin/clients/" + clientId, admin).body()).doesNotContain("clientSecret");
    }

    @Test
    void aNewSecretReplacesTheOldOneAndDeletingTheClientEndsIt() {
        HttpResponse<String> created = register("""
                {"name": "Rotating", "type": "CONFIDENTIAL", "redirectUris": ["%s"], "scopes": ["openid"]}""".formatted(CALLBACK));
        String clientId = JsonPath.read(created.body(), "$.clientId");
        String oldSecret = JsonPath.read(created.body(), "$.clientSecret");

        HttpResponse<String> rotated = api.post("/api/v1/account/admin/clients/" + clientId + "/secret", admin, "");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        assertThat(introspectAs(clientId, oldSecret).statusCode()).isEqualTo(401);
        assertThat(introspectAs(clientId, JsonPath.read(rotated.body(), "$.clientSecret")).statusCode()).isEqualTo(200);

        assertThat(api.delete("/api/v1/account/admin/clients/" + clientId, admin, "").statusCode()).isEqualTo(204);
        assertThat(authorize(clientId, CALLBACK).statusCode()).isEqualTo(400);
        assertProblem(api.get("/api/v1/account/admin/clients/" + clientId, admin), 404, ProblemType.NOT_FOUND);
    }

    @Test
    void aPublicNativeClientMayUseLoopbackOrAPrivateSchemeAndHasNoSecret() {
        HttpResponse<String> created = register("""
                {"name": "Desktop", "type": "PUBLIC", "redirectUris": ["http://127.0.0.1:7777/cb", "com.example.desk:/cb"],
                 "scopes": ["openid"], "requireConsent": false}""");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat((String) JsonPath.read(created.body(), "$.clientSecret")).isNull();
        String clientId = JsonPath.read(created.body(), "$.clientId");
        assertProblem(api.post("/api/v1/account/admin/clients/" + clientId + "/secret", admin, ""), 409, ProblemType.CONFLICT);
    }

    @Test
    void unsafeRedirectsAndPlatformScopesAreRefusedByName() {
        HttpResponse<String> refused = register("""
                {"name": "Bad", "type": "CONFIDENTIAL",
                 "redirectUris": ["http://partner.example/cb", "https://partner.example/*", "https://a.example/cb#frag", "com.example.app:/cb"],
                 "scopes": ["openid", "internal"]}""");

        assertProblem(refused, 400, ProblemType.INVALID_REQUEST);
        assertThat((List<String>) JsonPath.read(refused.body(), "$.errors[*].field")).containsExactly(
                "redirectUris[0]", "redirectUris[1]", "redirectUris[2]", "redirectUris[3]", "scopes[1]");
        assertThat(jdbc.sql("select count(*) from oauth2_registered_client where client_name = 'Bad'")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void platformClientsCannotBeChangedHereAndOnlyAdminsMayRegister() {
        assertProblem(api.delete("/api/v1/account/admin/clients/webfront", admin, ""), 409, ProblemType.CONFLICT);
        assertThat(api.get("/api/v1/account/admin/clients", admin).body()).contains("\"clientId\":\"webfront\"")
                .contains("\"managedBy\":\"configuration\"").doesNotContain("secret");

        String user = api.userToken(api.newUser("not-admin"));
        assertProblem(api.post("/api/v1/account/admin/clients", user, """
                {"name": "Mine", "type": "PUBLIC", "redirectUris": ["http://127.0.0.1/cb"], "scopes": ["openid"]}"""),
                403, ProblemType.FORBIDDEN);
        HttpResponse<String> unknownType = register("{\"name\": \"x\", \"type\": \"SOMETHING\", \"redirectUris\": [], \"scopes\": []}");
        assertProblem(unknownType, 400, ProblemType.INVALID_REQUEST);
        assertThat((String) JsonPath.read(unknownType.body(), "$.errors[0].field")).isEqualTo("type");
    }

    private HttpResponse<String> register(String json) {
        return api.post("/api/v1/account/admin/clients", admin, json);
    }

    private HttpResponse<String> introspectAs(String clientId, String secret) {
        return api.http().send(HttpRequest.newBuilder(api.http().uri("/oauth2/introspect"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=not-a-token")));
    }

    private HttpResponse<String> authorize(String clientId, String redirectUri) {
        String query = "response_type=code&client_id=" + clientId + "&scope=openid&state=s&code_challenge_method=S256"
                + "&code_challenge=" + CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier()).getValue()
                + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8);
        return api.http().send(HttpRequest.newBuilder(api.http().uri("/oauth2/authorize?" + query)).header("Accept", "text/html"));
    }
}
