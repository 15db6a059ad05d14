package io.xaostech.lingua.api;

import static io.xaostech.lingua.LinguaApi.quote;
import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.ApiKeyScope;
import io.xaostech.common.security.Role;
import io.xaostech.lingua.LinguaApi;
import io.xaostech.platform.test.TestIssuer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The translation API end to end: real Apertium, Redis, PostgreSQL, and API keys resolved the way account does. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TranslateApiTest {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    private LinguaApi api;
    private String key;
    private String admin;

    @BeforeEach
    void aKeyAndAnAdministrator() {
        api = new LinguaApi(port);
        key = TestIssuer.get().apiKey(UUID.randomUUID(), "user", ApiKeyScope.TRANSLATE);
        admin = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER, Role.ADMIN);
    }

    private HttpResponse<String> translate(String q, String source, String target) {
        return api.post("/api/v1/lingua/translate", "{\"q\":" + q + ",\"source\":\"" + source + "\",\"target\":\""
                + target + "\",\"api_key\":\"" + key + "\"}");
    }

    private static String translated(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.read(response.body(), "$.translatedText");
    }

    @Test
    void translatesEnglishToSpanishOfflineWithApertium() {
        assertThat(translated(translate(quote("Hello, my friend."), "en", "es"))).isEqualTo("Hola, mi amigo.");
    }

    @Test
    void aBatchKeepsItsOrderAndShape() {
        HttpResponse<String> response = translate("[\"The house is big.\",\"I like cats.\",\"\"]", "en", "es");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JsonPath.<List<String>>read(response.body(), "$.translatedText"))
                .containsExactly("La casa es grande.", "Me gustan los gatos.", "");
    }

    @Test
    void htmlKeepsItsMarkupAndTranslatesOnlyText() {
        HttpResponse<String> response = api.post("/api/v1/lingua/translate", "{\"q\":" + quote(
                "<p class=\"lead\">The house is <b>big</b>.</p>\n<code>the house</code><span translate=\"no\">the dog</span>")
                + ",\"source\":\"en\",\"target\":\"es\",\"format\":\"html\",\"api_key\":\"" + key + "\"}");
        String html = translated(response);
        assertThat(html).startsWith("<p class=\"lead\">La casa es <b>").contains("</b>.</p>\n")
                .contains("<code>the house</code>").contains("<span translate=\"no\">the dog</span>");
        assertThat(html.toLowerCase()).contains("<b>grande</b>");
    }

    @Test
    void autoDetectsTheSourceLanguage() {
        HttpResponse<String> response = translate(quote("Me gustan los gatos y los perros."), "auto", "en");
        assertThat(translated(response)).contains("cats").contains("dogs");
        assertThat((String) JsonPath.read(response.body(), "$.detectedLanguage.language")).isEqualTo("es");
        assertThat(((Number) JsonPath.read(response.body(), "$.detectedLanguage.confidence")).doubleValue())
                .isGreaterThan(50).isLessThanOrEqualTo(100);
    }

    @Test
    void aLongTextIsCutAtSentencesAndComesBackWhole() {
        String text = "The house is big. I like cats. ".repeat(60);
        String result = translated(translate(quote(text), "en", "es"));
        assertThat(result.split("La casa es grande\\.", -1)).hasSize(61);
        assertThat(result.split("Me gustan los gatos\\.", -1)).hasSize(61);
    }

    @Test
    void aTranslationIsCachedInRedisAndHotOnesInMemory() {
        String text = "The garden of " + UUID.randomUUID().toString().substring(0, 8) + " is green.";
        String first = translated(translate(quote(text), "en", "es"));
        String cacheKey = redis.keys("lingua:tr:*").stream()
                .filter(k -> first.equals(redis.opsForValue().get(k))).findFirst().orElseThrow();
        assertThat(redis.getExpire(cacheKey)).isGreaterThan(Duration.ofDays(6).toSeconds());
        redis.opsForValue().set(cacheKey, "changed in Redis");
        assertThat(translated(translate(quote(text), "en", "es"))).as("this instance's memory answers first")
                .isEqualTo(first);
    }

    @Test
    void theTranslationMemoryWinsAndItsChangesShowAtOnce() {
        String source = "Good morning, team " + UUID.randomUUID().toString().substring(0, 6) + ".";
        assertThat(translated(translate(quote(source), "en", "es"))).startsWith("Buenos días");
        HttpResponse<String> added = api.call("POST", "/api/v1/lingua/admin/memory", admin, "{\"source\":\"en\","
                + "\"target\":\"es\",\"sourceText\":" + quote(source) + ",\"targetText\":\"¡Hola, equipo!\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(translated(translate(quote(source), "en", "es"))).isEqualTo("¡Hola, equipo!");

        String id = JsonPath.read(added.body(), "$.id");
        HttpResponse<String> edited = api.call("PUT", "/api/v1/lingua/admin/memory/" + id, admin, "{\"source\":\"en\","
                + "\"target\":\"es\",\"sourceText\":" + quote(source) + ",\"targetText\":\"¡Buenas, equipo!\"}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(translated(translate(quote(source), "en", "es"))).isEqualTo("¡Buenas, equipo!");
    }

    @Test
    void glossaryTermsAreKeptOrAlwaysRenderedOneWay() {
        String brand = "Xq" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9-]", "x");
        HttpResponse<String> kept = api.call("POST", "/api/v1/lingua/admin/glossary", admin,
                "{\"source\":\"en\",\"target\":\"es\",\"term\":\"" + brand + "\"}");
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(201);
        HttpResponse<String> fixed = api.call("POST", "/api/v1/lingua/admin/glossary", admin,
                "{\"source\":\"en\",\"target\":\"es\",\"term\":\"" + brand + " Cloud\",\"translation\":\"Nube " + brand + "\"}");
        assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(201);
        try {
            String result = translated(translate(quote(brand + " sells the " + brand + " Cloud to the house."), "en", "es"));
            assertThat(result).startsWith(brand + " ").contains("Nube " + brand).contains("casa").doesNotContain("ZZG");
        } finally {
            api.call("DELETE", "/api/v1/lingua/admin/glossary/" + JsonPath.read(kept.body(), "$.id"), admin, null);
            api.call("DELETE", "/api/v1/lingua/admin/glossary/" + JsonPath.read(fixed.body(), "$.id"), admin, null);
        }
    }

    @Test
    void formsAndHeaderKeysAndUserTokensAreAccepted() {
        HttpResponse<String> form = api.postForm("/api/v1/lingua/translate",
                Map.of("q", "The house is big.", "source", "en", "target", "es", "api_key", key));
        assertThat(translated(form)).isEqualTo("La casa es grande.");
        String body = "{\"q\":\"I like cats.\",\"source\":\"en\",\"target\":\"es\"}";
        assertThat(translated(api.call("POST", "/api/v1/lingua/translate", null, body, Map.of("X-API-Key", key))))
                .isEqualTo("Me gustan los gatos.");
        assertThat(translated(api.call("POST", "/api/v1/lingua/translate", null, body,
                Map.of("Authorization", "ApiKey " + key)))).isEqualTo("Me gustan los gatos.");
        String user = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER);
        assertThat(translated(api.call("POST", "/api/v1/lingua/translate", user, body))).isEqualTo("Me gustan los gatos.");
    }

    @Test
    void detectsLanguagesWithConfidence() {
        HttpResponse<String> response = api.post("/api/v1/lingua/detect",
                "{\"q\":\"Bonjour tout le monde, comment allez-vous aujourd'hui?\",\"api_key\":\"" + key + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(response.body(), "$[0].language")).isEqualTo("fr");
        assertThat(((Number) JsonPath.read(response.body(), "$[0].confidence")).doubleValue()).isGreaterThan(50);
        HttpResponse<String> digits = api.post("/api/v1/lingua/detect", "{\"q\":\"12345 678\",\"api_key\":\"" + key + "\"}");
        assertThat(digits.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<List<Object>>read(digits.body(), "$")).as("no letters, no language").isEmpty();
    }

    @Test
    void languagesListInstalledPairsAndWantedOnesThatAreMissing() {
        HttpResponse<String> response = api.call("GET", "/api/v1/lingua/languages", null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<List<String>>read(response.body(), "$[?(@.code == 'en')].name")).containsExactly("English");
        assertThat(JsonPath.<List<List<String>>>read(response.body(), "$[?(@.code == 'en')].targets").get(0)).contains("es");
        assertThat(JsonPath.<List<List<String>>>read(response.body(), "$[?(@.code == 'en')].missingTargets").get(0))
                .containsExactly("ja");
        assertThat(JsonPath.<List<List<String>>>read(response.body(), "$[?(@.code == 'es')].targets").get(0)).contains("en");
    }

    // ---- bad input ----

    private void assertRefused(HttpResponse<String> response, int status, ProblemType type, String detailPart) {
        assertProblem(response, status, type);
        String detail = JsonPath.read(response.body(), "$.detail");
        assertThat(detail).contains(detailPart);
        assertThat((String) JsonPath.read(response.body(), "$.error")).as("LibreTranslate's error member").isEqualTo(detail);
    }

    @Test
    void unknownLanguagesAreRefused() {
        assertRefused(translate(quote("Hello"), "en", "klingon"), 400, ProblemType.INVALID_REQUEST, "klingon is not supported");
        assertRefused(translate(quote("Hello"), "en", "zz"), 400, ProblemType.INVALID_REQUEST, "en-zz is not a supported");
        assertRefused(translate(quote("Hello"), "en", "ja"), 400, ProblemType.INVALID_REQUEST, "en-ja is not a supported");
    }

    @Test
    void theSameSourceAndTargetIsRefused() {
        assertRefused(translate(quote("Hello"), "en", "EN"), 400, ProblemType.INVALID_REQUEST, "the same language");
    }

    @Test
    void emptyOrMissingOrMistypedTextIsRefused() {
        assertRefused(translate(quote(""), "en", "es"), 400, ProblemType.INVALID_REQUEST, "missing q parameter");
        assertRefused(api.post("/api/v1/lingua/translate", "{\"source\":\"en\",\"target\":\"es\",\"api_key\":\"" + key + "\"}"),
                400, ProblemType.INVALID_REQUEST, "missing q parameter");
        assertRefused(translate("42", "en", "es"), 400, ProblemType.INVALID_REQUEST, "q must be a string");
        assertRefused(translate("[\"ok\", 7]", "en", "es"), 400, ProblemType.INVALID_REQUEST, "q must be a string");
        assertRefused(api.post("/api/v1/lingua/translate", "{\"q\": \"Hello\", "), 400, ProblemType.BAD_REQUEST, "");
        assertRefused(api.post("/api/v1/lingua/translate", "{\"q\":\"Hi\",\"source\":\"en\",\"target\":\"es\","
                + "\"alternatives\":{},\"api_key\":\"" + key + "\"}"), 400, ProblemType.INVALID_REQUEST, "alternatives");
        assertRefused(api.post("/api/v1/lingua/translate", "{\"q\":\"Hi\",\"source\":\"en\",\"target\":\"es\","
                + "\"alternatives\":\"many\",\"api_key\":\"" + key + "\"}"), 400, ProblemType.INVALID_REQUEST, "alternatives");
        assertRefused(api.post("/api/v1/lingua/translate", "{\"q\":\"Hi\",\"source\":\"en\",\"target\":\"es\",\"format\":"
                + "\"pdf\",\"api_key\":\"" + key + "\"}"), 400, ProblemType.INVALID_REQUEST, "pdf format is not supported");
    }

    @Test
    void oversizedTextsAndBatchesAreRefusedNamingTheLimit() {
        HttpResponse<String> text = translate(quote("a".repeat(10_001)), "en", "es");
        assertRefused(text, 400, ProblemType.INVALID_REQUEST, "at most 10000 characters");
        assertThat((Integer) JsonPath.read(text.body(), "$.limit")).isEqualTo(10_000);
        String batch = "[" + String.join(",", java.util.Collections.nCopies(101, "\"x\"")) + "]";
        HttpResponse<String> many = translate(batch, "en", "es");
        assertRefused(many, 400, ProblemType.INVALID_REQUEST, "at most 100 texts");
        assertThat((Integer) JsonPath.read(many.body(), "$.limit")).isEqualTo(100);
    }

    @Test
    void malformedOrTooDeepHtmlIsRefused() {
        String body = "{\"source\":\"en\",\"target\":\"es\",\"format\":\"html\",\"api_key\":\"" + key + "\",\"q\":";
        assertRefused(api.post("/api/v1/lingua/translate", body + quote("<p>The house</b> is big</p>") + "}"), 400,
                ProblemType.INVALID_REQUEST, "Malformed HTML");
        String deep = "<div>".repeat(70) + "deep" + "</div>".repeat(70);
        HttpResponse<String> tooDeep = api.post("/api/v1/lingua/translate", body + quote(deep) + "}");
        assertRefused(tooDeep, 400, ProblemType.INVALID_REQUEST, "nested deeper than 64");
    }

    @Test
    void badRevokedOrUnscopedKeysAndAnonymousCallersAreRefused() {
        String body = "{\"q\":\"Hello\",\"source\":\"en\",\"target\":\"es\",\"api_key\":\"%s\"}";
        assertRefused(api.post("/api/v1/lingua/translate", body.formatted("xk_abcdefgh_" + "A".repeat(43))), 403,
                ProblemType.FORBIDDEN, "Invalid API key");
        assertRefused(api.post("/api/v1/lingua/translate", body.formatted("not-a-key")), 403, ProblemType.FORBIDDEN,
                "Invalid API key");
        String readOnly = TestIssuer.get().apiKey(UUID.randomUUID(), "user", ApiKeyScope.READ);
        assertRefused(api.post("/api/v1/lingua/translate", body.formatted(readOnly)), 403, ProblemType.FORBIDDEN,
                "translate scope");
        assertRefused(api.post("/api/v1/lingua/translate", "{\"q\":\"Hello\",\"source\":\"en\",\"target\":\"es\"}"), 403,
                ProblemType.FORBIDDEN, "API key");

        assertThat(api.post("/api/v1/lingua/translate", body.formatted(key)).statusCode()).isEqualTo(200);
        TestIssuer.get().revokeApiKey(key);
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertRefused(
                api.post("/api/v1/lingua/translate", body.formatted(key)), 403, ProblemType.FORBIDDEN, "Invalid API key"));
    }

    @Test
    void quotasRefuseWithRetryAfterAndCountNothingRefused() throws InterruptedException {
        if (java.time.LocalTime.now().getSecond() > 55) {
            Thread.sleep(6_000); // all four requests fall in one minute window
        }
        String supporter = TestIssuer.get().apiKey(UUID.randomUUID(), "supporter", ApiKeyScope.TRANSLATE);
        String body = "{\"q\":\"Hello\",\"source\":\"en\",\"target\":\"es\",\"api_key\":\"" + supporter + "\"}";
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/v1/lingua/translate", body).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = api.post("/api/v1/lingua/translate", body);
        assertRefused(refused, 429, ProblemType.RATE_LIMITED, "3 requests per minute");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);

        String another = TestIssuer.get().apiKey(UUID.randomUUID(), "supporter", ApiKeyScope.TRANSLATE);
        HttpResponse<String> tooLong = api.post("/api/v1/lingua/translate", "{\"q\":\"" + "word ".repeat(9)
                + "\",\"source\":\"en\",\"target\":\"es\",\"api_key\":\"" + another + "\"}");
        assertRefused(tooLong, 400, ProblemType.INVALID_REQUEST, "allows 40 characters per minute");
        assertThat(api.post("/api/v1/lingua/translate", "{\"q\":\"" + "word ".repeat(7)
                + "\",\"source\":\"en\",\"target\":\"es\",\"api_key\":\"" + another + "\"}").statusCode())
                .as("the refused request cost nothing").isEqualTo(200);
    }

    @Test
    void adminApisNeedTheAdminRole() {
        String user = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER);
        assertProblem(api.call("GET", "/api/v1/lingua/admin/memory", user, null), 403, ProblemType.FORBIDDEN);
        assertProblem(api.call("GET", "/api/v1/lingua/admin/glossary", null, null), 401, ProblemType.UNAUTHORIZED);
        assertThat(Set.of(200)).contains(api.call("GET", "/api/v1/lingua/admin/glossary", admin, null).statusCode());
    }
}
