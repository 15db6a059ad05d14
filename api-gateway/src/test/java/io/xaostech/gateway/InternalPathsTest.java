package io.xaostech.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * /internal/** (and account's /auth/internal/**, /auth/actuator/**) stays unreachable even when a route would match it: here the only route is a catch-all, so only
 * the gateway's edge filter stands between a client and a service's internal endpoints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InternalPathsTest {

    private static final StubBackend CATCH_ALL = new StubBackend();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void catchAllRoute(DynamicPropertyRegistry registry) {
        // A list binds from one property source, so this catch-all replaces the configured routes in this test.
        String route = "spring.cloud.gateway.server.webflux.routes[0]";
        registry.add(route + ".id", () -> "catch-all");
        registry.add(route + ".uri", CATCH_ALL::url);
        registry.add(route + ".predicates[0]", () -> "Path=/**");
    }

    @AfterAll
    static void stop() {
        CATCH_ALL.close();
    }

    @BeforeEach
    void clear() {
        CATCH_ALL.clear();
    }

    @Test
    void catchAllRouteReachesItsBackend() throws InterruptedException {
        assertThat(new TestHttp(port).get("/anything/else").statusCode()).isEqualTo(200);
        assertThat(CATCH_ALL.next().path()).isEqualTo("/anything/else");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/internal/anything", "/internal", "/INTERNAL/users", "//internal/x",
            "/%69nternal/x", "/portfolio/../internal/x", "/api/v1/blog/../../../internal/x", "/auth/internal/dev/mailbox",
            "/auth/actuator/prometheus", "/AUTH/%61ctuator/health", "/auth//internal/x", "/auth;x/actuator/prometheus",
            "/auth;x/internal/dev/mailbox", "/internal;x/y", "/auth/actuator;x/health", "/auth%3Bx/actuator/health",
            "/%2569nternal/x", "/x/%3F/../../internal/y", "/x/%23/../../internal/y", "/x/%25/../../internal/y",
            "/x/%20/../../internal/y", "/x/%7B/../../auth/actuator/health"})
    void neverRoutesInternalPaths(String path) {
        HttpResponse<String> response = new TestHttp(port).get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat((String) JsonPath.read(response.body(), "$.type")).isEqualTo(ProblemType.NOT_FOUND.uri().toString());
        assertThat(CATCH_ALL.nothingReceived()).as("nothing reached a backend for %s", path).isTrue();
    }

    @Test
    void pathsThatOnlyLookInternalAreRouted() throws InterruptedException {
        assertThat(new TestHttp(port).get("/internals/x").statusCode()).isEqualTo(200);
        assertThat(CATCH_ALL.next().path()).isEqualTo("/internals/x");
    }
}
