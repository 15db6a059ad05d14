package io.xaostech.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** SECURITY-CHECKLIST 21: forwarded headers are believed from our own proxies only. */
class TrustedProxiesTest {

    private static final Map<String, String> FORWARDED = Map.of("X-Forwarded-For", "203.0.113.9",
            "X-Forwarded-Proto", "https", "X-Forwarded-Host", "xaostech.example", "X-Forwarded-Prefix", "/site");

    private static HttpResponse<String> caller(int port, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/caller"));
        headers.forEach(request::header);
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void addressBlocksMatchByTheirPrefixOnly() {
        TrustedProxies proxies = new TrustedProxies(List.of("10.1.0.0/16", "fd00::/8", "192.0.2.7"), false);
        assertThat(proxies.isTrusted("10.1.255.3")).isTrue();
        assertThat(proxies.isTrusted("10.2.0.1")).isFalse();
        assertThat(proxies.isTrusted("fd12::1")).isTrue();
        assertThat(proxies.isTrusted("fe80::1")).isFalse();
        assertThat(proxies.isTrusted("192.0.2.7")).isTrue();
        assertThat(proxies.isTrusted("192.0.2.8")).isFalse();
        TrustedProxies loopback = new TrustedProxies(TrustedProxies.DEFAULT, false);
        assertThat(loopback.isTrusted("127.0.0.1")).isTrue();
        assertThat(loopback.isTrusted("::1")).isTrue();
        assertThat(loopback.isTrusted("::ffff:127.0.0.1")).as("IPv4-mapped").isTrue();
        assertThat(loopback.isTrusted("192.168.1.20")).as("a neighbour on the LAN").isFalse();
        assertThat(loopback.isTrusted("8.8.8.8")).isFalse();
    }

    @Nested
    @SpringBootTest(classes = ProblemTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"xaos.platform.service=portfolio",
                    "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
    class FromTheGateway {

        @LocalServerPort
        int port;

        @Test
        void theClientsAddressSchemeAndPrefixAreTakenFromTheProxy() {
            HttpResponse<String> caller = caller(port, FORWARDED);

            assertThat(JsonPath.<String>read(caller.body(), "$.address")).isEqualTo("203.0.113.9");
            assertThat(JsonPath.<Boolean>read(caller.body(), "$.secure")).isTrue();
            assertThat(JsonPath.<String>read(caller.body(), "$.url")).isEqualTo("https://xaostech.example/site/caller");
        }
    }

    @Nested
    @SpringBootTest(classes = ProblemTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"xaos.platform.service=portfolio", "xaos.platform.trusted-proxies=192.0.2.1/32",
                    "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
    class FromAnyoneElse {

        @LocalServerPort
        int port;

        @Test
        void forwardedHeadersAreIgnored() {
            HttpResponse<String> caller = caller(port, FORWARDED);
            HttpResponse<String> rfc7239 = caller(port, Map.of("Forwarded", "for=198.51.100.1;proto=https;host=evil.example"));
            assertThat(rfc7239.body()).doesNotContain("198.51.100.1").doesNotContain("evil.example");

            assertThat(JsonPath.<String>read(caller.body(), "$.address")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
            assertThat(JsonPath.<Boolean>read(caller.body(), "$.secure")).isFalse();
            assertThat(JsonPath.<String>read(caller.body(), "$.url")).isEqualTo("http://localhost:" + port + "/caller");
        }
    }
}
