package io.xaostech.data.consent;

import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Role;
import io.xaostech.data.DataApi;
import io.xaostech.platform.test.TestIssuer;
import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A visitor decides before signing in (known by a cookie), and the decisions follow them into their account. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VisitorConsentTest {

    @LocalServerPort
    int port;

    private DataApi api;

    @BeforeEach
    void api() {
        api = new DataApi(port);
    }

    @Test
    void aVisitorsDecisionsAreKeptUnderTheirCookieAndLinkedToTheirAccountOnce() throws Exception {
        String fresh = api.call("GET", "/api/v1/data/visitor/consents", null, null).body();
        assertThat(DataApi.allowed(fresh, "analytics")).isFalse();
        assertThat(DataApi.allowed(fresh, "essential")).isTrue();

        HttpResponse<String> decided = api.call("PUT", "/api/v1/data/visitor/consents", null,
                api.choices("BANNER", "analytics=GRANTED", "marketing=GRANTED"));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        String setCookie = decided.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("XAOS_VISITOR=").contains("HttpOnly").contains("SameSite=Lax");
        Map<String, String> cookie = Map.of("Cookie", setCookie.substring(0, setCookie.indexOf(';')));
        assertThat(DataApi.allowed(api.call("GET", "/api/v1/data/visitor/consents", null, null, cookie).body(), "analytics"))
                .isTrue();
        assertThat(DataApi.allowed(api.call("GET", "/api/v1/data/visitor/consents", null, null,
                Map.of("Cookie", "XAOS_VISITOR=not-one-of-ours")).body(), "analytics")).as("a bad cookie is no one").isFalse();

        UUID userId = UUID.randomUUID();
        String user = TestIssuer.get().userToken(userId, Role.USER);
        Thread.sleep(5);
        api.call("PUT", "/api/v1/data/users/" + userId + "/consents", user, api.choices("SETTINGS", "marketing=DENIED"));
        String path = "/api/v1/data/users/" + userId + "/consents";

        HttpResponse<String> linked = api.call("POST", path + "/link", user, null, cookie);
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
        assertThat(DataApi.allowed(linked.body(), "analytics")).as("carried over").isTrue();
        assertThat(linked.headers().firstValue("Set-Cookie").orElseThrow()).as("the visitor cookie is cleared")
                .startsWith("XAOS_VISITOR=;").contains("Max-Age=0");
        assertThat(DataApi.allowed(linked.body(), "marketing")).as("the user's own later decision stands").isFalse();
        String history = api.call("GET", path + "/history", user, null).body();
        assertThat(JsonPath.<List<String>>read(history, "$[?(@.purpose == 'analytics')].recordedAt"))
                .as("the copy keeps when the visitor decided")
                .containsExactly(JsonPath.<List<String>>read(decided.body(), "$.records[?(@.purpose == 'analytics')].recordedAt")
                        .get(0));
        int records = JsonPath.<List<Object>>read(history, "$").size();
        assertThat(records).isEqualTo(2);
        api.call("POST", path + "/link", user, null, cookie);
        assertThat(JsonPath.<List<Object>>read(api.call("GET", path + "/history", user, null).body(), "$"))
                .as("linking again copies nothing").hasSize(records);

        assertProblem(api.call("POST", path + "/link", user, null), 422, ProblemType.UNPROCESSABLE);
        assertProblem(api.call("POST", "/api/v1/data/users/" + UUID.randomUUID() + "/consents/link", user, null, cookie),
                403, ProblemType.FORBIDDEN);
        assertProblem(api.call("PUT", "/api/v1/data/visitor/consents", null, "{\"method\":\"API\",\"choices\":"
                + "[{\"purpose\":\"astrology\",\"decision\":\"GRANTED\",\"noticeVersion\":1}]}"), 422, ProblemType.UNPROCESSABLE);
    }

    @Test
    void theVisitorCookieIsSecureOverHttpsAndOnlyAJsonPutDecides() throws Exception {
        HttpResponse<String> overHttps = api.call("PUT", "/api/v1/data/visitor/consents", null,
                api.choices("BANNER", "analytics=DENIED"), Map.of("X-Forwarded-Proto", "https"));
        assertThat(overHttps.statusCode()).as(overHttps.body()).isEqualTo(200);
        assertThat(overHttps.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure").contains("HttpOnly");

        // A page on another site can send a PUT or a JSON body only after a CORS preflight, which the gateway grants
        // to no stranger. What it can send without one, a form POST with a simple content type, decides nothing.
        TestHttp http = new TestHttp(port);
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded"}) {
            HttpResponse<String> simple = http.send(HttpRequest.newBuilder(http.uri("/api/v1/data/visitor/consents"))
                    .header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString(api.choices("BANNER", "analytics=GRANTED"))));
            assertThat(simple.statusCode()).as(type).isIn(401, 403, 405, 415);
            assertThat(simple.headers().firstValue("Set-Cookie")).isEmpty();
        }
        HttpResponse<String> plainPut = http.send(HttpRequest.newBuilder(http.uri("/api/v1/data/visitor/consents"))
                .header("Content-Type", "text/plain")
                .method("PUT", HttpRequest.BodyPublishers.ofString(api.choices("BANNER", "analytics=GRANTED"))));
        assertThat(plainPut.statusCode()).as("not JSON").isEqualTo(415);
    }
}
