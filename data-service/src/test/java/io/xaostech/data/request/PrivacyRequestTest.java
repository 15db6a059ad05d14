package io.xaostech.data.request;

import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Role;
import io.xaostech.data.DataApi;
import io.xaostech.platform.dependency.DependencyFailures;
import io.xaostech.platform.test.TestIssuer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Privacy requests run against real HTTP stand-ins of two data-owning services (their privacy endpoints, which
 * accept only data-service's own signed service token): an erasure waits while one service is down and completes when it returns, an
 * export is bundled into a ZIP offered through an expiring link, and a second request of a kind is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xaos.data.privacy-services=blog,chat", "xaos.data.retry-base=200ms", "xaos.data.retry-max=1s",
        "xaos.data.privacy-worker-interval=100ms", "xaos.data.export-link-ttl=4s"})
class PrivacyRequestTest {

    private static final Stub BLOG = new Stub("blog");
    private static final Stub CHAT = new Stub("chat");

    @LocalServerPort
    int port;

    @Autowired
    DependencyFailures failures;

    @Autowired
    JdbcClient jdbc;

    private DataApi api;
    private UUID userId;
    private String user;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("xaos.services.blog.url", BLOG::url);
        registry.add("xaos.services.chat.url", CHAT::url);
    }

    @AfterAll
    static void stopStubs() {
        BLOG.server.stop(0);
        CHAT.server.stop(0);
    }

    @BeforeEach
    void aUserWithConsents() {
        api = new DataApi(port);
        userId = UUID.randomUUID();
        user = TestIssuer.get().userToken(userId, Role.USER);
        api.call("PUT", "/api/v1/data/users/" + userId + "/consents", user, api.choices("API", "analytics=GRANTED"));
        CHAT.up = true;
    }

    @Test
    void anErasureWaitsForAServiceThatIsDownAndCompletesWhenItReturns() {
        CHAT.up = false;
        HttpResponse<String> filed = api.call("POST", path(), user, "{\"kind\":\"ERASURE\"}");
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(202);
        String id = JsonPath.read(filed.body(), "$.id");
        assertThat(JsonPath.<String>read(filed.body(), "$.dueAt")).isNotNull();
        HttpResponse<String> again = api.call("POST", path(), user, "{\"kind\":\"ERASURE\"}");
        assertProblem(again, 409, ProblemType.CONFLICT);
        assertThat(again.body()).contains(id);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String request = request(id);
            assertThat(JsonPath.<List<String>>read(request, "$.steps[?(@.service == 'blog')].status")).containsExactly("DONE");
            assertThat(JsonPath.<List<Integer>>read(request, "$.steps[?(@.service == 'chat')].attempts").get(0))
                    .isGreaterThanOrEqualTo(2);
        });
        String waiting = request(id);
        assertThat(JsonPath.<String>read(waiting, "$.status")).as("never completed while a step failed")
                .isEqualTo("IN_PROGRESS");
        assertThat(JsonPath.<List<String>>read(waiting, "$.steps[?(@.service == 'chat')].lastError").get(0)).contains("503");
        assertThat(failures.count("chat", "retry-with-backoff")).as("each failed attempt counted and logged (checklist 23)")
                .isGreaterThanOrEqualTo(2);

        CHAT.up = true;
        await().atMost(Duration.ofSeconds(10)).until(() -> JsonPath.read(request(id), "$.status").equals("COMPLETED"));
        assertThat(BLOG.calls).contains("POST /internal/privacy/erase/" + userId);
        assertThat(CHAT.calls).contains("POST /internal/privacy/erase/" + userId);
        assertThat(JsonPath.<List<String>>read(request(id), "$.steps[?(@.service == 'blog')].outcome").get(0))
                .contains("erased");
        assertThat(api.call("GET", "/api/v1/data/users/" + userId + "/consents/history", user, null).body())
                .as("consent records anonymised").isEqualTo("[]");
        List<String> ledger = jdbc.sql("select action from audit_log where subject = ? order by seq")
                .param("user:" + userId).query(String.class).list();
        assertThat(ledger).containsSubsequence("erasure.requested", "erasure.completed");
    }

    @Test
    void anExportIsBundledAndOfferedThroughALinkThatExpires() throws Exception {
        HttpResponse<String> filed = api.call("POST", path(), user, "{\"kind\":\"EXPORT\"}");
        String id = JsonPath.read(filed.body(), "$.id");
        await().atMost(Duration.ofSeconds(10)).until(() -> JsonPath.read(request(id), "$.status").equals("COMPLETED"));

        HttpResponse<String> download = api.call("GET", "/api/v1/data/privacy-requests/" + id + "/export", user, null);
        assertThat(download.statusCode()).isEqualTo(303);
        HttpResponse<byte[]> zip = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(download.headers().firstValue("Location").orElseThrow())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        Map<String, String> entries = new java.util.HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries.keySet()).containsExactlyInAnyOrder("blog.json", "chat.json", "data.json");
        assertThat(entries.get("blog.json")).contains("blog's data of " + userId);
        assertThat(entries.get("data.json")).contains("analytics");
        assertProblem(api.call("GET", "/api/v1/data/privacy-requests/" + id + "/export",
                TestIssuer.get().userToken(UUID.randomUUID(), Role.USER), null), 404, ProblemType.NOT_FOUND);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertProblem(
                api.call("GET", "/api/v1/data/privacy-requests/" + id + "/export", user, null), 410, ProblemType.GONE));
        assertThat(JsonPath.<Object>read(request(id), "$.exportLink")).as("no longer offered").isNull();
    }

    @Test
    void onlyAdministratorsFileForSomeoneElseAndSayWhy() {
        String other = "/api/v1/data/users/" + UUID.randomUUID() + "/privacy-requests";
        assertProblem(api.call("POST", other, user, "{\"kind\":\"EXPORT\"}"), 403, ProblemType.FORBIDDEN);
        String admin = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER, Role.ADMIN);
        assertProblem(api.call("POST", other, admin, "{\"kind\":\"EXPORT\"}"), 422, ProblemType.UNPROCESSABLE);
        assertThat(api.call("POST", other, admin, "{\"kind\":\"EXPORT\",\"note\":\"Asked by letter of 3 March\"}")
                .statusCode()).isEqualTo(202);
        assertProblem(api.call("POST", path(), user, "{\"kind\":\"EVERYTHING\"}"), 400, ProblemType.INVALID_REQUEST);
    }

    private String request(String id) {
        return api.call("GET", "/api/v1/data/privacy-requests/" + id, user, null).body();
    }

    private String path() {
        return "/api/v1/data/users/" + userId + "/privacy-requests";
    }

    /** A service's privacy endpoints over real HTTP, checking that a bearer token came; can be "down" (503). */
    private static final class Stub {
        final HttpServer server;
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean up = true;

        Stub(String name) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            server.createContext("/internal/privacy/", exchange -> {
                int status = !up ? 503 : dataServiceToken(exchange.getRequestHeaders().getFirst("Authorization")) ? 200 : 401;
                String user = exchange.getRequestURI().getPath().replaceAll(".*/", "");
                calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
                byte[] body = (exchange.getRequestURI().getPath().contains("/export/")
                        ? "{\"note\":\"" + name + "'s data of " + user + "\"}"
                        : "{\"erased\":true,\"service\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, status == 200 ? body.length : -1);
                if (status == 200) {
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** Whether the call carries a service token of data-service, signed by the issuer, for /internal only. */
        private static boolean dataServiceToken(String authorization) {
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                return false;
            }
            try {
                SignedJWT jwt = SignedJWT.parse(authorization.substring(7));
                JWKSet keys = JWKSet.load(URI.create(TestIssuer.get().jwkSetUri()).toURL());
                RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
                return key != null && jwt.verify(new RSASSAVerifier(key))
                        && "svc-data".equals(jwt.getJWTClaimsSet().getSubject())
                        && jwt.getJWTClaimsSet().getAudience().contains("internal");
            } catch (Exception e) {
                return false;
            }
        }
    }
}
