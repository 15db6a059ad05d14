package io.xaostech.gateway;

import static io.xaostech.gateway.GatewayTestBase.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.service.XaosService;
import io.xaostech.platform.test.TestHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Redis stopped and frozen under the gateway: every route keeps its policy — a local bucket (blog, the API
 * policy), no limit (webfront, pages) or 503 (sign-up, the sign-in policy set to closed here) — no request
 * waits a second, and Redis is used again once it is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "xaos.gateway.rate-limits.policies.sign-in.when-redis-down=closed",
        RateLimitTest.ANONYMOUS_BURST + "[0].name=burst", RateLimitTest.ANONYMOUS_BURST + "[0].rate=1",
        RateLimitTest.ANONYMOUS_BURST + "[0].per=10s", RateLimitTest.ANONYMOUS_BURST + "[0].burst=3"})
class RedisDownTest {

    private static final RedisProcess REDIS = new RedisProcess();
    private static final Map<XaosService, StubBackend> BACKENDS = new EnumMap<>(XaosService.class);
    private static final Duration MOST_A_REQUEST_MAY_WAIT = Duration.ofSeconds(1);

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @DynamicPropertySource
    static void ownRedisAndBackends(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", REDIS::url);
        for (XaosService service : XaosService.values()) {
            if (service != XaosService.GATEWAY) {
                StubBackend backend = BACKENDS.computeIfAbsent(service, s -> new StubBackend());
                registry.add("xaos.services." + service.id() + ".url", backend::url);
            }
        }
    }

    @AfterAll
    static void stop() {
        REDIS.close();
        BACKENDS.values().forEach(StubBackend::close);
    }

    @Test
    void everyRouteKeepsItsPolicyWhileRedisIsStoppedOrFrozenAndRecovers() {
        assertThat(timed(this::blog).statusCode()).isEqualTo(200);

        REDIS.stop();
        assertThat(expectPolicies("stopped")).as("the local bucket lets the burst through").isBetween(1, 3);

        REDIS.start();
        awaitRedisUsedAgain();

        REDIS.freeze();
        assertThat(expectPolicies("frozen")).as("the local bucket, drained while Redis was stopped, refills slowly")
                .isLessThanOrEqualTo(1);
        REDIS.thaw();
        awaitRedisUsedAgain();

        for (String source : new String[] {"local", "open", "closed", "redis"}) {
            assertThat(meters.find("xaos.gateway.ratelimit.decisions").tag("source", source).counters())
                    .as("decisions counted with source %s", source).isNotEmpty();
        }
    }

    /** Answers how many of five blog requests the fallback let through. */
    private int expectPolicies(String state) {
        int allowed = 0;
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = timed(this::blog);
            assertThat(response.statusCode()).as("blog with Redis %s", state).isIn(200, 429);
            allowed += response.statusCode() == 200 ? 1 : 0;
        }

        assertThat(timed(() -> get("/")).statusCode()).as("pages fail open").isEqualTo(200);

        HttpResponse<String> signUp = timed(() -> post("/api/v1/account/registrations"));
        assertProblem(signUp, 503, ProblemType.SERVICE_UNAVAILABLE);
        assertThat(signUp.headers().firstValue("Retry-After")).isPresent();
        return allowed;
    }

    private void awaitRedisUsedAgain() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            HttpResponse<String> signUp = timed(() -> post("/api/v1/account/registrations"));
            assertThat(signUp.statusCode()).as("sign-up is limited through Redis again").isEqualTo(200);
        });
    }

    private HttpResponse<String> timed(Supplier<HttpResponse<String>> request) {
        long started = System.nanoTime();
        HttpResponse<String> response = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("no request waits on Redis").isLessThan(MOST_A_REQUEST_MAY_WAIT);
        return response;
    }

    private HttpResponse<String> blog() {
        return get("/api/v1/blog/posts");
    }

    private HttpResponse<String> get(String path) {
        return new TestHttp(port).get(path, Map.of());
    }

    private HttpResponse<String> post(String path) {
        TestHttp http = new TestHttp(port);
        return http.send(HttpRequest.newBuilder(http.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }
}
