package io.xaostech.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.http.XaosHeaders;
import io.xaostech.common.problem.ProblemType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(classes = ProblemTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"xaos.platform.service=portfolio",
                "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
class ServletProblemDetailsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void invalidBodyNamesEachField() throws Exception {
        HttpResponse<String> response = post("/greetings", "application/json", "{\"name\":\"\",\"times\":11}");

        assertProblem(response, 400, ProblemType.INVALID_REQUEST);
        List<Map<String, String>> errors = JsonPath.read(response.body(), "$.errors");
        assertThat(errors).extracting(e -> e.get("field")).containsExactlyInAnyOrder("name", "times");
    }

    @Test
    void malformedJsonIsBadRequest() throws Exception {
        assertProblem(post("/greetings", "application/json", "{\"name\":"), 400, ProblemType.BAD_REQUEST);
    }

    @Test
    void wellFormedJsonWithAMemberOfTheWrongTypeNamesTheMember() throws Exception {
        HttpResponse<String> response = post("/greetings", "application/json", "{\"name\":\"a\",\"times\":\"often\"}");

        assertProblem(response, 400, ProblemType.INVALID_REQUEST);
        assertThat(response.body()).contains("\"field\":\"times\"").contains("times has the wrong type");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhetherItsLengthIsDeclaredOrNot() throws Exception {
        String big = "{\"name\":\"" + "a".repeat(3 * 1024 * 1024) + "\",\"times\":1}";
        assertProblem(post("/greetings", "application/json", big), 413, ProblemType.PAYLOAD_TOO_LARGE);
        // A body of unknown length: sent chunked, without Content-Length.
        HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/greetings"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.io.ByteArrayInputStream(big.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(chunked, 413, ProblemType.PAYLOAD_TOO_LARGE);
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() throws Exception {
        assertProblem(post("/greetings", "text/plain", "hello"), 415, ProblemType.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void wrongMethodIsMethodNotAllowed() throws Exception {
        HttpResponse<String> response = get("/greetings");
        assertProblem(response, 405, ProblemType.METHOD_NOT_ALLOWED);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void missingOrMistypedParameterIsBadRequest() throws Exception {
        assertProblem(get("/count"), 400, ProblemType.BAD_REQUEST);
        assertProblem(get("/count?n=many"), 400, ProblemType.BAD_REQUEST);
    }

    @Test
    void typedExceptionBecomesItsProblemWithExtraMembers() throws Exception {
        HttpResponse<String> response = get("/widgets/w-42");

        assertProblem(response, 404, ProblemType.NOT_FOUND);
        assertThat((String) JsonPath.read(response.body(), "$.detail")).isEqualTo("No widget w-42");
        assertThat((String) JsonPath.read(response.body(), "$.widgetId")).isEqualTo("w-42");
        assertThat((String) JsonPath.read(response.body(), "$.instance")).isEqualTo("/widgets/w-42");
    }

    @Test
    void unexpectedFailureIsInternalProblemThatRevealsNothing() throws Exception {
        HttpResponse<String> response = get("/boom");

        assertProblem(response, 500, ProblemType.INTERNAL);
        assertThat(response.body()).doesNotContain("secret internal detail").doesNotContain("IllegalStateException");
    }

    @Test
    void askingForTheErrorPathItselfFindsNothing() throws Exception {
        assertProblem(get("/error"), 404, ProblemType.NOT_FOUND);
    }

    @Test
    void aTransactionWhoseDatabaseWentAwayIsUnavailableNotAnInternalError() throws Exception {
        HttpResponse<String> response = post("/transactions", "application/json", "{}");

        assertProblem(response, 503, ProblemType.SERVICE_UNAVAILABLE);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.body()).doesNotContain("rollback").doesNotContain("connection has been closed");
        assertProblem(post("/transactions/pooled", "application/json", "{}"), 503, ProblemType.SERVICE_UNAVAILABLE);
        assertProblem(post("/transactions/broken", "application/json", "{}"), 500, ProblemType.INTERNAL);
    }

    @Test
    void malformedUrlRejectedByTheContainerIsStillAProblem() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/a%2e%2e%00b")).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
    }

    private void assertProblem(HttpResponse<String> response, int status, ProblemType type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat((String) JsonPath.read(response.body(), "$.type")).isEqualTo(type.uri().toString());
        assertThat((String) JsonPath.read(response.body(), "$.requestId"))
                .isEqualTo(response.headers().firstValue(XaosHeaders.REQUEST_ID).orElseThrow());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
