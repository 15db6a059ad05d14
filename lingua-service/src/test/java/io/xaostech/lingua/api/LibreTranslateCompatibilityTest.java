package io.xaostech.lingua.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.security.ApiKeyScope;
import io.xaostech.lingua.LinguaApi;
import io.xaostech.platform.test.TestHttp;
import io.xaostech.platform.test.TestIssuer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests shaped exactly as LibreTranslate's documentation shows them (its API examples: JSON bodies with
 * {@code q, source, target, format, alternatives, api_key}; batches; HTML; detection; languages; the web page's
 * multipart form), only the texts and languages chosen among the pairs installed here, and the answers read the
 * way a LibreTranslate client reads them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LibreTranslateCompatibilityTest {

    @LocalServerPort
    int port;

    private LinguaApi api;
    private String key;

    @BeforeEach
    void aKey() {
        api = new LinguaApi(port);
        key = TestIssuer.get().apiKey(UUID.randomUUID(), "user", ApiKeyScope.TRANSLATE);
    }

    @Test
    void theTranslateExampleWithAutoDetectionAndAlternatives() {
        HttpResponse<String> response = api.post("/api/v1/lingua/translate", """
                {"q": "Me gustan los gatos.", "source": "auto", "target": "en", "format": "text", "alternatives": 3, "api_key": "%s"}
                """.formatted(key));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        Map<String, Object> body = JsonPath.read(response.body(), "$");
        assertThat(body).containsOnlyKeys("alternatives", "detectedLanguage", "translatedText");
        assertThat((List<?>) body.get("alternatives")).isEmpty();
        assertThat((Map<String, Object>) body.get("detectedLanguage")).containsOnlyKeys("confidence", "language")
                .containsEntry("language", "es");
        assertThat((String) body.get("translatedText")).contains("cats");
    }

    @Test
    void theBatchExample() {
        HttpResponse<String> response = api.post("/api/v1/lingua/translate", """
                {"q": ["Hello world!", "Goodbye!"], "source": "en", "target": "es", "api_key": "%s"}
                """.formatted(key));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JsonPath.<List<String>>read(response.body(), "$.translatedText")).hasSize(2)
                .allSatisfy(text -> assertThat(text).isNotBlank());
    }

    @Test
    void theHtmlExample() {
        HttpResponse<String> response = api.post("/api/v1/lingua/translate", """
                {"q": "<p class=\\"green\\">Hello!</p>", "source": "en", "target": "es", "format": "html", "api_key": "%s"}
                """.formatted(key));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(response.body(), "$.translatedText")).startsWith("<p class=\"green\">")
                .endsWith("</p>").doesNotContain("Hello");
    }

    @Test
    void theDetectExample() {
        HttpResponse<String> response = api.post("/api/v1/lingua/detect", """
                {"q": "Hello world, how are you today?", "api_key": "%s"}
                """.formatted(key));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Map<String, Object>> candidates = JsonPath.read(response.body(), "$");
        assertThat(candidates.get(0)).containsOnlyKeys("confidence", "language").containsEntry("language", "en");
        assertThat(((Number) candidates.get(0).get("confidence")).doubleValue()).isBetween(0.0, 100.0);
    }

    @Test
    void theLanguagesExample() {
        HttpResponse<String> response = new TestHttp(port).get("/api/v1/lingua/languages");
        assertThat(response.statusCode()).isEqualTo(200);
        List<Map<String, Object>> languages = JsonPath.read(response.body(), "$");
        assertThat(languages).allSatisfy(language -> assertThat(language).containsKeys("code", "name", "targets"));
    }

    @Test
    void theWebPagesMultipartForm() {
        String boundary = "----LibreTranslateForm" + UUID.randomUUID();
        StringBuilder form = new StringBuilder();
        Map.of("q", "I like cats.", "source", "en", "target", "es", "format", "text", "api_key", key)
                .forEach((name, value) -> form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                        .append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
        form.append("--").append(boundary).append("--\r\n");
        TestHttp http = new TestHttp(port);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(http.uri("/api/v1/lingua/translate"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(response.body(), "$.translatedText")).isEqualTo("Me gustan los gatos.");
    }

    @Test
    void errorsAreReadFromTheErrorMember() {
        HttpResponse<String> missing = api.post("/api/v1/lingua/translate", """
                {"source": "en", "target": "es", "api_key": "%s"}
                """.formatted(key));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat((String) JsonPath.read(missing.body(), "$.error")).isEqualTo("Invalid request: missing q parameter.");
        HttpResponse<String> noKey = api.post("/api/v1/lingua/translate", """
                {"q": "Hello", "source": "en", "target": "es", "format": "text", "api_key": ""}
                """);
        assertThat(noKey.statusCode()).as("an empty api_key is no key, as LibreTranslate treats it").isEqualTo(403);
        assertThat((String) JsonPath.read(noKey.body(), "$.error")).contains("API key");
    }
}
