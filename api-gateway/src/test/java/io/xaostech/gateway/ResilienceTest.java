package io.xaostech.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.service.XaosService;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * What the gateway does when a service misbehaves or a request is too big: timeouts, circuit breakers that open
 * and half-open, retries of idempotent requests only (never on 429), body limits, and CORS from an allow-list.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=700ms",
        "xaos.gateway.breakers.sliding-window-size=4", "xaos.gateway.breakers.minimum-calls=4",
        "xaos.gateway.breakers.open-for=1s", "xaos.gateway.breakers.half-open-calls=1",
        // Rate limits are RateLimitTest's subject; here they would only stop the crowds of requests some tests send.
        "xaos.gateway.rate-limits.enabled=false"})
class ResilienceTest extends GatewayTestBase {

    @Test
    void aSlowServiceIsCutOffAtTheRouteTimeoutWith504() {
        BACKENDS.get(XaosService.DATA).answer(r -> new StubBackend.Reply(200, 3000));

        long started = System.nanoTime();
        HttpResponse<String> response = post("/api/v1/data/consents", "{}");

        assertProblem(response, 504, ProblemType.GATEWAY_TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void aFailingServiceOpensItsBreakerThenHalfOpensAndCloses() {
        StubBackend payments = BACKENDS.get(XaosService.PAYMENTS);
        payments.answer(r -> new StubBackend.Reply(503, 0));
        for (int i = 0; i < 4; i++) {
            post("/api/v1/payments/checkout-sessions", "{}");
        }
        int callsWhenOpened = payments.calls();

        HttpResponse<String> refused = post("/api/v1/payments/checkout-sessions", "{}");

        assertProblem(refused, 503, ProblemType.SERVICE_UNAVAILABLE);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(payments.calls()).as("an open breaker spares the service").isEqualTo(callsWhenOpened);
        assertThat(get("/api/v1/blog/posts", Map.of()).statusCode()).as("other routes are not affected").isEqualTo(200);

        payments.answer(r -> StubBackend.Reply.OK);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> post("/api/v1/payments/checkout-sessions", "{}").statusCode() == 200);
        assertThat(post("/api/v1/payments/checkout-sessions", "{}").statusCode()).as("closed again").isEqualTo(200);
    }

    @Test
    void clientsThatGoAwayDoNotOpenTheBreakerOfTheirRoute() throws Exception {
        // Clients that hang up at every moment of a request's life: before the service answered, and between its
        // answer and the gateway's reply (which then cannot be sent). None of that is the service's failure.
        BACKENDS.get(XaosService.BLOG).answer(r -> new StubBackend.Reply(200, 1));
        byte[] request = "GET /api/v1/blog/posts HTTP/1.1\r\nHost: localhost\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            done.add(clients.submit(() -> {
                for (int round = 0; round < 150; round++) {
                    try (Socket client = new Socket("127.0.0.1", port)) {
                        client.getOutputStream().write(request);
                        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(3_000_000));
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        clients.shutdown();
        Thread.sleep(200);

        assertThat(get("/api/v1/blog/posts", Map.of()).statusCode()).as("the service never failed").isEqualTo(200);
    }

    @Test
    void idempotentRequestsAreRetriedOthersAndRateLimitedOnesAreNot() {
        StubBackend lingua = BACKENDS.get(XaosService.LINGUA);
        AtomicInteger seen = new AtomicInteger();
        lingua.answer(r -> new StubBackend.Reply(seen.incrementAndGet() == 1 ? 503 : 200, 0));
        assertThat(get("/api/v1/lingua/languages", Map.of()).statusCode()).as("GET retried after a 503").isEqualTo(200);
        assertThat(lingua.calls()).isEqualTo(2);

        lingua.clear();
        lingua.answer(r -> new StubBackend.Reply(503, 0));
        post("/api/v1/lingua/translate", "{}");
        assertThat(lingua.calls()).as("a POST is never retried").isEqualTo(1);

        lingua.clear();
        lingua.answer(r -> new StubBackend.Reply(429, 0));
        assertThat(get("/api/v1/lingua/languages", Map.of()).statusCode()).isEqualTo(429);
        assertThat(lingua.calls()).as("a 429 is never retried").isEqualTo(1);
    }

    @Test
    void aBodyOverTheRouteLimitIs413BeforeReachingTheService() {
        HttpResponse<String> response = post("/api/v1/blog/posts", "x".repeat(3 * 1024 * 1024));

        assertProblem(response, 413, ProblemType.PAYLOAD_TOO_LARGE);
        assertThat(BACKENDS.get(XaosService.BLOG).nothingReceived()).isTrue();
    }

    @Test
    void blogMediaUploadsMayBeLargerUpToBlogsOwnLimit() {
        StubBackend blog = BACKENDS.get(XaosService.BLOG);

        assertThat(post("/api/v1/blog/admin/media", "x".repeat(5 * 1024 * 1024)).statusCode()).isEqualTo(200);
        assertThat(blog.calls()).isEqualTo(1);

        blog.clear();
        assertProblem(post("/api/v1/blog/admin/media", "x".repeat(12 * 1024 * 1024)), 413,
                ProblemType.PAYLOAD_TOO_LARGE);
        assertThat(blog.nothingReceived()).isTrue();
    }

    @Test
    void aChunkedBodyHasNoLengthToJudgeAndIsLeftToTheService() {
        byte[] body = "x".repeat(3 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> response = send(request("/api/v1/blog/posts").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(BACKENDS.get(XaosService.BLOG).calls()).isEqualTo(1);
    }

    @Test
    void corsAnswersAllowedOriginsOnlyAndNeverReflectsOthers() {
        HttpResponse<String> allowed = preflight("http://localhost:8080");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8080");

        HttpResponse<String> evil = preflight("https://evil.example");
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> preflight(String origin) {
        return send(request("/api/v1/chat/rooms").header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization, Content-Type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> post(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
