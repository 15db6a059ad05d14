package io.xaostech.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/** Plain HTTP against a service under test on its local port: what a real client sends, nothing mocked. */
public final class TestHttp {

    private final int port;
    // HTTP/1.1 as the services speak it: no h2c upgrade attempts (a management server once left one hanging).
    // One client per instance: no pooled connection is ever reused against a later server on the same port.
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public TestHttp(int port) {
        this.port = port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public HttpResponse<String> get(String path) {
        return get(path, Map.of());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        headers.forEach(request::header);
        return send(request);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, Duration.ofSeconds(30));
    }

    /** A JSON API call: {@code bearer} and {@code json} may be null (no token, no body). */
    public HttpResponse<String> call(String method, String path, String bearer, String json) {
        return call(method, path, bearer, json, Map.of());
    }

    /** A JSON API call with extra headers. */
    public HttpResponse<String> call(String method, String path, String bearer, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        return send(request);
    }

    /** Sends and waits at most {@code timeout} for the response. */
    public HttpResponse<String> send(HttpRequest.Builder request, Duration timeout) {
        try {
            return client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            // The server runs in this JVM: what its threads were doing is the evidence of a hang.
            System.err.println("TestHttp: no answer within " + timeout + " on port " + port + "; threads:");
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                System.err.println("\"" + thread.getName() + "\" " + thread.getState());
                for (StackTraceElement frame : stack) {
                    System.err.println("    at " + frame);
                }
            });
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
