package io.xaostech.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.http.XaosHeaders;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.service.XaosService;
import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every public route of ARCHITECTURE.md section 2 reaches its backend, and nothing internal gets through. (Chat's
 * routes need a signed-in caller; EdgeAuthenticationTest routes them.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingTest {

    private static final Map<XaosService, StubBackend> BACKENDS = new java.util.EnumMap<>(XaosService.class);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        for (XaosService service : XaosService.values()) {
            if (service != XaosService.GATEWAY) {
                StubBackend backend = BACKENDS.computeIfAbsent(service, s -> new StubBackend());
                registry.add("xaos.services." + service.id() + ".url", backend::url);
            }
        }
    }

    @AfterAll
    static void stopBackends() {
        BACKENDS.values().forEach(StubBackend::close);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.data.redis.core.StringRedisTemplate redis;

    @BeforeEach
    void clearBackendsAndBuckets() {
        BACKENDS.values().forEach(StubBackend::clear);
        var buckets = redis.keys("api:rl:*");
        if (buckets != null && !buckets.isEmpty()) {
            redis.delete(buckets);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/auth/oauth2/token, ACCOUNT",
            "/.well-known/openid-configuration, ACCOUNT",
            "/api/v1/account/me, ACCOUNT",
            "/api/v1/blog/posts, BLOG",
            "/api/v1/data/consents, DATA",
            "/api/v1/lingua/translate, LINGUA",
            "/api/v1/payments/plans, PAYMENTS",
            "/webhooks/stripe, PAYMENTS",
            "/portfolio, PORTFOLIO",
            "/portfolio/projects/x, PORTFOLIO",
            "/, WEBFRONT",
            "/blog/hello-world, WEBFRONT",
            "/chat, WEBFRONT",
            "/me/profile, WEBFRONT",
            "/privacy/consent, WEBFRONT",
            "/static/app.js, WEBFRONT",
            "/img/XAOSTECH_LOGO.png, WEBFRONT"
    })
    void routesPublicPathToItsService(String path, XaosService target) throws InterruptedException {
        HttpResponse<String> response = get(path, Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        StubBackend.Received received = BACKENDS.get(target).next();
        assertThat(received.path()).isEqualTo(path.startsWith("/auth/") ? path.substring("/auth".length()) : path);
        BACKENDS.forEach((service, backend) -> {
            if (service != target) {
                assertThat(backend.nothingReceived()).as("%s got nothing", service).isTrue();
            }
        });
    }

    @Test
    void issuerPathIsStrippedAndAnnouncedToAccount() throws InterruptedException {
        get("/auth/oauth2/authorize?client_id=cli", Map.of("X-Forwarded-Prefix", "/evil"));

        StubBackend.Received received = BACKENDS.get(XaosService.ACCOUNT).next();
        assertThat(received.path()).isEqualTo("/oauth2/authorize");
        assertThat(received.header("X-Forwarded-Prefix")).isEqualTo("/auth");
    }

    @Test
    void clientAddressIsTheConnectionsNeverWhatTheClientClaims() throws InterruptedException {
        get("/api/v1/blog/posts", Map.of("X-Forwarded-For", "203.0.113.9", "X-Forwarded-Host", "evil.example",
                "X-Forwarded-Proto", "https", "X-Forwarded-Prefix", "/evil", "Forwarded", "for=198.51.100.1;proto=https"));

        StubBackend.Received received = BACKENDS.get(XaosService.BLOG).next();
        assertThat(received.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(received.header("X-Forwarded-Host")).as("the Host the client addressed, not its claim")
                .isEqualTo("127.0.0.1:" + port);
        assertThat(received.header("X-Forwarded-Proto")).as("the connection's scheme").isEqualTo("http");
        assertThat(received.header("X-Forwarded-Prefix")).as("a route without a prefix").isNull();
        assertThat(received.header("Forwarded")).isNull();
    }

    @Test
    void generatesRequestIdAndForwardsIt() throws InterruptedException {
        HttpResponse<String> response = get("/api/v1/blog/posts", Map.of());

        String requestId = response.headers().firstValue(XaosHeaders.REQUEST_ID).orElseThrow();
        assertThat(XaosHeaders.isValidRequestId(requestId)).isTrue();
        assertThat(BACKENDS.get(XaosService.BLOG).next().header(XaosHeaders.REQUEST_ID)).isEqualTo(requestId);
    }

    @Test
    void propagatesAWellFormedRequestId() throws InterruptedException {
        HttpResponse<String> response = get("/api/v1/lingua/languages", Map.of(XaosHeaders.REQUEST_ID, "client-abc.123"));

        assertThat(response.headers().firstValue(XaosHeaders.REQUEST_ID)).hasValue("client-abc.123");
        assertThat(BACKENDS.get(XaosService.LINGUA).next().header(XaosHeaders.REQUEST_ID)).isEqualTo("client-abc.123");
    }

    @Test
    void stripsInternalHeadersFromOutside() throws InterruptedException {
        get("/api/v1/data/consents", Map.of("X-Internal-Foo", "forged", "X-INTERNAL-REQUEST", "true",
                "X-Other", "kept"));

        StubBackend.Received received = BACKENDS.get(XaosService.DATA).next();
        assertThat(received.hasHeaderStartingWith(XaosHeaders.INTERNAL_PREFIX)).isFalse();
        assertThat(received.header("X-Other")).isEqualTo("kept");
    }

    @Test
    void unroutedPathIsNotFoundProblem() throws InterruptedException {
        HttpResponse<String> response = get("/nowhere/at/all", Map.of(XaosHeaders.REQUEST_ID, "rid-404"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat((String) JsonPath.read(response.body(), "$.requestId")).isEqualTo("rid-404");
        assertThat((String) JsonPath.read(response.body(), "$.instance")).isEqualTo("/nowhere/at/all");
    }

    @Test
    void routesHealthProbesOfEachServiceToItsActuator() throws InterruptedException {
        for (XaosService service : XaosService.values()) {
            if (service == XaosService.GATEWAY) {
                continue;
            }
            for (String probe : new String[] {"liveness", "readiness"}) {
                HttpResponse<String> response = get("/health/" + service.moduleName() + "/" + probe, Map.of());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(BACKENDS.get(service).next().path()).isEqualTo("/actuator/health/" + probe);
            }
        }
    }

    @Test
    void doesNotRouteOtherActuatorEndpointsOfServices() throws InterruptedException {
        HttpResponse<String> response = get("/health/blog-service/env", Map.of());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(BACKENDS.get(XaosService.BLOG).nothingReceived()).isTrue();
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        return new TestHttp(port).get(path, headers);
    }
}
