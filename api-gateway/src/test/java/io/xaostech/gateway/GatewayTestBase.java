package io.xaostech.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.service.XaosService;
import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway on a random port in front of {@link FakeAccount} and a {@link StubBackend} per other service,
 * with the gateway's Redis keys and the backends' records cleared before each test. The backends live as long
 * as the test JVM, so cached contexts of several test classes can share them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayTestBase {

    static final FakeAccount ACCOUNT = new FakeAccount();
    static final Map<XaosService, StubBackend> BACKENDS = new EnumMap<>(XaosService.class);

    static {
        for (XaosService service : XaosService.values()) {
            if (service != XaosService.GATEWAY && service != XaosService.ACCOUNT) {
                BACKENDS.put(service, new StubBackend());
            }
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("xaos.services.account.url", ACCOUNT::url);
        BACKENDS.forEach((service, backend) -> registry.add("xaos.services." + service.id() + ".url", backend::url));
    }

    @BeforeEach
    void freshState() {
        BACKENDS.values().forEach(StubBackend::clear);
        var keys = redis.keys("api:*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
    }

    HttpResponse<String> get(String path, Map<String, String> headers) {
        return new TestHttp(port).get(path, headers);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        return new TestHttp(port).send(request);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(new TestHttp(port).uri(path));
    }

    static void assertProblem(HttpResponse<String> response, int status, ProblemType type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat((String) JsonPath.read(response.body(), "$.type")).isEqualTo(type.uri().toString());
    }
}
