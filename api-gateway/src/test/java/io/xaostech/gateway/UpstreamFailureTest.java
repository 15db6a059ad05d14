package io.xaostech.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.http.XaosHeaders;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.test.TestHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A service that is down answers 503 with Retry-After through the gateway, logged with the request id. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class UpstreamFailureTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void blogIsDown(DynamicPropertyRegistry registry) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        registry.add("xaos.services.blog.url", () -> "http://127.0.0.1:" + closedPort);
    }

    @Test
    void unreachableServiceIsServiceUnavailableProblem(CapturedOutput output) {
        HttpResponse<String> response = new TestHttp(port).get("/api/v1/blog/posts",
                Map.of(XaosHeaders.REQUEST_ID, "upstream-down-1"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat((String) JsonPath.read(response.body(), "$.type"))
                .isEqualTo(ProblemType.SERVICE_UNAVAILABLE.uri().toString());
        assertThat((String) JsonPath.read(response.body(), "$.requestId")).isEqualTo("upstream-down-1");
        assertThat(output.getOut()).containsPattern("Upstream unreachable.*\"requestId\":\"upstream-down-1\"");
    }
}
