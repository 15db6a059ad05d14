package io.xaostech.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.service.XaosService;
import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Token-bucket limits in Redis: the headers on every limited response, 429 with Retry-After, one budget per
 * caller, and one combined limit across two gateway instances sharing Redis.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        RateLimitTest.ANONYMOUS_BURST + "[0].name=burst", RateLimitTest.ANONYMOUS_BURST + "[0].rate=1",
        RateLimitTest.ANONYMOUS_BURST + "[0].per=10s", RateLimitTest.ANONYMOUS_BURST + "[0].burst=3",
        RateLimitTest.USER_BURST + "[0].name=burst", RateLimitTest.USER_BURST + "[0].rate=1",
        RateLimitTest.USER_BURST + "[0].per=10s", RateLimitTest.USER_BURST + "[0].burst=2",
        RateLimitTest.USER_BURST + "[1].name=daily", RateLimitTest.USER_BURST + "[1].rate=100",
        RateLimitTest.USER_BURST + "[1].per=1d"})
class RateLimitTest extends GatewayTestBase {

    static final String ANONYMOUS_BURST = "xaos.gateway.rate-limits.policies.api.plans.anonymous";
    static final String USER_BURST = "xaos.gateway.rate-limits.policies.api.plans.user";

    @Autowired
    Environment environment;

    @Test
    void anonymousCallersGetTheirBurstThen429WithRetryAfterAndStandardHeaders() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> allowed = get(port, "/api/v1/blog/posts", null);
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("RateLimit-Policy")).hasValue("\"burst\";q=3;w=30");
            assertThat(allowed.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"burst\";r=" + (2 - i) + ";t=");
            assertThat(allowed.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
            assertThat(allowed.headers().firstValue("X-RateLimit-Remaining")).hasValue(String.valueOf(2 - i));
        }

        HttpResponse<String> limited = get(port, "/api/v1/blog/posts", null);

        assertProblem(limited, 429, ProblemType.RATE_LIMITED);
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 10L);
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(limited.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"burst\";r=0;t=");
        assertThat(get(port, "/api/v1/data/consents", null).statusCode()).as("one budget across the policy's routes")
                .isEqualTo(429);
    }

    @Test
    void eachUserHasTheirOwnBudgetWithEveryLimitOfTheirPlan() {
        String alice = "Bearer " + ACCOUNT.token(UUID.randomUUID().toString());
        String bob = "Bearer " + ACCOUNT.token(UUID.randomUUID().toString());

        HttpResponse<String> first = get(port, "/api/v1/blog/posts", alice);
        assertThat(first.headers().firstValue("RateLimit-Policy")).hasValue("\"burst\";q=2;w=20, \"daily\";q=100;w=86400");
        assertThat(get(port, "/api/v1/blog/posts", alice).statusCode()).isEqualTo(200);
        assertThat(get(port, "/api/v1/blog/posts", alice).statusCode()).isEqualTo(429);

        assertThat(get(port, "/api/v1/blog/posts", bob).statusCode()).isEqualTo(200);
        assertThat(get(port, "/api/v1/blog/posts", null).statusCode()).as("anonymous callers count apart").isEqualTo(200);
        assertThat(redis.keys("api:rl:*")).anyMatch(key -> key.contains("{u:")).anyMatch(key -> key.contains("{ip:"));
    }

    @Test
    void twoGatewayInstancesSharingRedisEnforceOneCombinedLimit() {
        String[] arguments = secondInstanceProperties().entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(GatewayApplication.class).run(arguments)) {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            int allowed = 0;
            for (int i = 0; i < 6; i++) {
                if (get(i % 2 == 0 ? port : secondPort, "/api/v1/blog/posts", null).statusCode() == 200) {
                    allowed++;
                }
            }
            assertThat(allowed).isEqualTo(3);
        }
    }

    /** The second instance: this one's settings (infrastructure, backends, limits), on a port of its own. */
    private Map<String, Object> secondInstanceProperties() {
        Map<String, Object> properties = new java.util.HashMap<>();
        for (String name : new String[] {"spring.data.redis.url", "spring.datasource.url", "spring.datasource.username",
                "spring.datasource.password", "spring.flyway.schemas", "spring.flyway.default-schema",
                "spring.datasource.hikari.schema", "xaos.services.account.url", "xaos.services.blog.url"}) {
            String value = environment.getProperty(name);
            if (value != null) {
                properties.put(name, value);
            }
        }
        for (String limit : new String[] {"name", "rate", "per", "burst"}) {
            properties.put(ANONYMOUS_BURST + "[0]." + limit, environment.getProperty(ANONYMOUS_BURST + "[0]." + limit));
        }
        properties.put("server.port", "0");
        return properties;
    }

    static HttpResponse<String> get(int port, String path, String authorization) {
        return new TestHttp(port).get(path, authorization == null ? Map.of() : Map.of("Authorization", authorization));
    }
}
