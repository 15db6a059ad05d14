package io.xaostech.lingua.engine.upstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A translation server on loopback speaking LibreTranslate's {@code POST /translate} and DeepL's
 * {@code POST /v2/translate}: it "translates" by prefixing the target language, and can be switched to fail or to
 * send every request elsewhere (a 307 to {@link #redirectTo}).
 */
final class FakeUpstream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    final AtomicBoolean failing = new AtomicBoolean();
    final java.util.concurrent.atomic.AtomicReference<URI> redirectTo = new java.util.concurrent.atomic.AtomicReference<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    FakeUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/translate", exchange -> answer(exchange, body -> {
            List<String> out = new ArrayList<>();
            body.path("q").forEach(q -> out.add("[" + body.path("target").asString() + "] " + q.asString()));
            return Map.of("translatedText", out);
        }));
        server.createContext("/v2/translate", exchange -> answer(exchange, body -> {
            List<Map<String, String>> out = new ArrayList<>();
            body.path("text").forEach(t -> out.add(Map.of("detected_source_language", body.path("source_lang").asString(),
                    "text", "[" + body.path("target_lang").asString() + "] " + t.asString())));
            return Map.of("translations", out);
        }));
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange, java.util.function.Function<JsonNode, Object> translate) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        requests.add(body);
        URI elsewhere = redirectTo.get();
        if (elsewhere != null) {
            exchange.getResponseHeaders().set("Location", elsewhere.resolve(exchange.getRequestURI().getPath()).toString());
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "" : authorization);
        byte[] answer = failing.get() ? "{\"error\":\"down\"}".getBytes(StandardCharsets.UTF_8)
                : JSON.writeValueAsBytes(translate.apply(body));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(failing.get() ? 500 : 200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
