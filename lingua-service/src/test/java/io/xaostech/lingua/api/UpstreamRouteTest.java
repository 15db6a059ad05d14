package io.xaostech.lingua.api;

import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.ApiKeyScope;
import io.xaostech.lingua.LinguaApi;
import io.xaostech.platform.test.TestIssuer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A pair Apertium lacks (en-de) routed to a LibreTranslate server: translated through it while it works, refused
 * with 503 when it fails (the circuit opening), while Apertium's pairs keep working. This context keeps no
 * translations in memory, so what Redis holds is what is answered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class UpstreamRouteTest {

    private static final AtomicBoolean FAILING = new AtomicBoolean();
    private static final HttpServer UPSTREAM = libreTranslate();

    @LocalServerPort
    int port;

    private static HttpServer libreTranslate() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/translate", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String q = body.replaceAll("(?s).*\"q\":\\[\"([^\"]*)\"].*", "$1");
                byte[] answer = ("{\"translatedText\":[\"Hallo: " + q + "\"]}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(FAILING.get() ? 502 : 200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("xaos.lingua.upstream.kind", () -> "libretranslate");
        registry.add("xaos.lingua.upstream.url", () -> "http://127.0.0.1:" + UPSTREAM.getAddress().getPort());
        registry.add("xaos.lingua.upstream.pairs", () -> "en-de");
        registry.add("xaos.lingua.cache.local-entries", () -> "0");
    }

    @AfterAll
    static void stop() {
        UPSTREAM.stop(0);
    }

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aCachedTranslationIsServedFromRedis() {
        LinguaApi api = new LinguaApi(port);
        String key = TestIssuer.get().apiKey(UUID.randomUUID(), "user", ApiKeyScope.TRANSLATE);
        String text = "The river of " + UUID.randomUUID().toString().substring(0, 8) + " is long.";
        String request = "{\"q\":\"" + text + "\",\"source\":\"en\",\"target\":\"es\",\"api_key\":\"" + key + "\"}";
        String first = JsonPath.read(api.post("/api/v1/lingua/translate", request).body(), "$.translatedText");
        String cacheKey = redis.keys("lingua:tr:*").stream()
                .filter(k -> first.equals(redis.opsForValue().get(k))).findFirst().orElseThrow();
        redis.opsForValue().set(cacheKey, "from the cache");
        assertThat((String) JsonPath.read(api.post("/api/v1/lingua/translate", request).body(), "$.translatedText"))
                .isEqualTo("from the cache");
    }

    @Test
    void aPairApertiumLacksGoesUpstreamAndAnOutageLeavesApertiumPairsAlone(CapturedOutput logs) {
        LinguaApi api = new LinguaApi(port);
        String key = TestIssuer.get().apiKey(UUID.randomUUID(), "user", ApiKeyScope.TRANSLATE);
        String request = "{\"q\":\"%s\",\"source\":\"en\",\"target\":\"%s\",\"api_key\":\"" + key + "\"}";

        HttpResponse<String> german = api.post("/api/v1/lingua/translate", request.formatted("Good day", "de"));
        assertThat(german.statusCode()).as(german.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(german.body(), "$.translatedText")).isEqualTo("Hallo: Good day");
        assertThat(JsonPath.<List<String>>read(api.call("GET", "/api/v1/lingua/engines", null, null).body(),
                "$[?(@.pair.target == 'de')].engine")).containsExactly("upstream");

        FAILING.set(true);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> down = api.post("/api/v1/lingua/translate", request.formatted("Good day " + i, "de"));
            assertProblem(down, 503, ProblemType.SERVICE_UNAVAILABLE);
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
        }
        HttpResponse<String> open = api.post("/api/v1/lingua/translate", request.formatted("Good night", "de"));
        assertThat((String) JsonPath.read(open.body(), "$.detail")).contains("kept failing");
        // Logged and measured (checklist 23): each failed call is a WARN line and a count on the metrics endpoint.
        assertThat(logs.getOut()).contains("Dependency upstream-translation failed while trying to translate en-de");
        assertThat(api.call("GET", "/actuator/prometheus", null, null).body()).containsPattern(
                "xaos_dependency_failures_total\\{[^}]*dependency=\"upstream-translation\"[^}]*policy=\"pair-unavailable\"[^}]*} [1-9]");

        HttpResponse<String> spanish = api.post("/api/v1/lingua/translate", request.formatted("The house is big.", "es"));
        assertThat(spanish.statusCode()).as(spanish.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(spanish.body(), "$.translatedText")).isEqualTo("La casa es grande.");
    }
}
