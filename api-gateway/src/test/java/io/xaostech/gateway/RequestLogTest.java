package io.xaostech.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.common.http.XaosHeaders;
import io.xaostech.common.service.XaosService;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.ReflectionTestUtils;

/** Every request lands in the API request log — routed or not, allowed or refused — and W3C trace context flows. */
class RequestLogTest extends GatewayTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext context;

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    @Test
    void aUsersRequestIsLoggedWithRouteStatusPrincipalAndTraceButNoQuery() throws InterruptedException {
        String user = UUID.randomUUID().toString();
        String requestId = "log-" + UUID.randomUUID();
        String incomingTrace = "4bf92f3577b34da6a3ce929d0e0e4736";

        var response = get("/api/v1/blog/posts?api_key=secret-value", Map.of("Authorization", "Bearer " + ACCOUNT.token(user),
                XaosHeaders.REQUEST_ID, requestId, "traceparent", "00-" + incomingTrace + "-00f067aa0ba902b7-01"));

        assertThat(response.statusCode()).isEqualTo(200);
        String forwarded = BACKENDS.get(XaosService.BLOG).next().header("traceparent");
        assertThat(forwarded).startsWith("00-" + incomingTrace + "-").endsWith("-01").doesNotContain("00f067aa0ba902b7");
        Map<String, Object> row = loggedRow(requestId);
        assertThat(row).containsEntry("route_id", "blog-api").containsEntry("method", "GET")
                .containsEntry("path", "/api/v1/blog/posts").containsEntry("status", 200)
                .containsEntry("principal", user).containsEntry("client_ip", "127.0.0.1")
                .containsEntry("trace_id", incomingTrace);
    }

    @Test
    void everyRouteHasALatencyHistogramAndLimiterDecisionsAreCounted() {
        get("/api/v1/blog/posts", Map.of());

        String metrics = new io.xaostech.platform.test.TestHttp(managementPort).get("/actuator/prometheus", Map.of()).body();
        assertThat(get("/actuator/prometheus", Map.of()).statusCode()).as("not on the public port").isEqualTo(404);

        assertThat(metrics).containsPattern("spring_cloud_gateway_requests_seconds_bucket\\{.*routeId=\"blog-api\"")
                .contains("xaos_gateway_ratelimit_decisions_total");
    }

    @Test
    void refusedAndUnroutedRequestsAreLoggedTooAndBadTraceContextStartsANewTrace() {
        String refused = "log-" + UUID.randomUUID();
        String unrouted = "log-" + UUID.randomUUID();

        get("/api/v1/chat/rooms", Map.of(XaosHeaders.REQUEST_ID, refused, "traceparent", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01"));
        get("/no/such/route", Map.of(XaosHeaders.REQUEST_ID, unrouted));

        assertThat(loggedRow(refused)).containsEntry("route_id", "chat-api").containsEntry("status", 401)
                .containsEntry("principal", null);
        assertThat((String) loggedRow(refused).get("trace_id")).hasSize(32).isNotEqualTo("0".repeat(32));
        assertThat(loggedRow(unrouted)).containsEntry("route_id", null).containsEntry("status", 404);
    }

    @Test
    void anApiKeyIsLoggedByItsIdNeverItsSecret() {
        String key = ACCOUNT.issueApiKey(UUID.randomUUID().toString(), "user", "read");
        String requestId = "log-" + UUID.randomUUID();

        get("/api/v1/chat/rooms", Map.of("X-API-Key", key, XaosHeaders.REQUEST_ID, requestId));

        assertThat((String) loggedRow(requestId).get("principal")).startsWith("key:").doesNotContain(key);
    }

    @Test
    void entriesOlderThanTheRetentionAreDeleted() {
        jdbc.update("insert into request_log (request_id, method, path, status, duration_ms, received_at)"
                + " values ('ancient', 'GET', '/', 200, 1, now() - interval '400 days')");

        Object deleted = ReflectionTestUtils.invokeMethod(context.getBean("requestLogWriter"), "deleteExpired");

        assertThat((Integer) deleted).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from request_log where request_id = 'ancient'", Integer.class)).isZero();
    }

    private Map<String, Object> loggedRow(String requestId) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.queryForList("select * from request_log where request_id = ?", requestId),
                        rows -> rows.size() == 1).get(0);
    }
}
