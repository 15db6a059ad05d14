package io.xaostech.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.common.service.XaosService;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Behind one trusted proxy that ends TLS (a load balancer): the services hear the client's address and the
 * scheme that proxy reports, never what the client itself claims further left.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "xaos.gateway.trusted-proxy-hops=1")
class TrustedProxyHopsTest extends GatewayTestBase {

    @Test
    void theProxysAddressAndSchemeReachTheServices() throws InterruptedException {
        get("/api/v1/blog/posts", Map.of("X-Forwarded-For", "203.0.113.9, 198.51.100.7", "X-Forwarded-Proto", "https"));

        StubBackend.Received received = BACKENDS.get(XaosService.BLOG).next();
        assertThat(received.header("X-Forwarded-For")).as("the address the proxy saw").isEqualTo("198.51.100.7");
        assertThat(received.header("X-Forwarded-Proto")).as("TLS ended at the proxy").isEqualTo("https");

        get("/api/v1/blog/posts", Map.of("X-Forwarded-Proto", "gopher"));
        assertThat(BACKENDS.get(XaosService.BLOG).next().header("X-Forwarded-Proto")).as("nonsense is not passed on")
                .isEqualTo("http");
    }
}
