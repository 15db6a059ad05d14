package io.xaostech.lingua;

import io.xaostech.platform.test.TestHttp;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** lingua-service's HTTP API as the tests call it, JSON or form-encoded like LibreTranslate clients. */
public final class LinguaApi {

    private final TestHttp http;

    public LinguaApi(int port) {
        this.http = new TestHttp(port);
    }

    public HttpResponse<String> call(String method, String path, String bearer, String json) {
        return http.call(method, path, bearer, json);
    }

    public HttpResponse<String> call(String method, String path, String bearer, String json, Map<String, String> headers) {
        return http.call(method, path, bearer, json, headers);
    }

    /** POST with a JSON body, no token. */
    public HttpResponse<String> post(String path, String json) {
        return http.call("POST", path, null, json);
    }

    /** POST application/x-www-form-urlencoded, as LibreTranslate's web page and many clients send it. */
    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(http.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POST a raw body of the given type (imports). */
    public HttpResponse<String> postRaw(String path, String bearer, String contentType, String body) {
        return http.send(HttpRequest.newBuilder(http.uri(path)).header("Content-Type", contentType)
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** JSON string literal. */
    public static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
