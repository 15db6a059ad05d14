package io.xaostech.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A dead Redis makes the service unready quickly instead of holding requests for Lettuce's default 60 s:
 * the service still starts, and readiness answers DOWN within its short command timeout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.data.redis.url=redis://127.0.0.1:1/0")
class DeadRedisTest {

    @LocalServerPort
    int port;

    @Test
    void readinessIsDownPromptlyWhenRedisIsUnreachable() {
        TestHttp http = new TestHttp(port);
        HttpResponse<String> readiness = http.send(
                HttpRequest.newBuilder(http.uri("/actuator/health/readiness")).GET(), Duration.ofSeconds(10));

        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat((String) JsonPath.read(readiness.body(), "$.components.redis.status")).isEqualTo("DOWN");
        assertThat((String) JsonPath.read(readiness.body(), "$.components.db.status")).isEqualTo("UP");
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }
}
