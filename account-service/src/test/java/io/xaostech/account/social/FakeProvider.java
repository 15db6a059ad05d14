package io.xaostech.account.social;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A local stand-in for a third-party sign-in provider: its authorization endpoint sends the browser straight
 * back with a code; subclasses add the token and user endpoints of the provider they speak for.
 */
abstract class FakeProvider implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, Integer> requests = new ConcurrentHashMap<>();

    FakeProvider() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The authorization endpoint: records what the client asked (to the listener) and redirects back with a code. */
    void authorizeAt(String path, Consumer<Map<String, String>> request) {
        handle(path, exchange -> {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            request.accept(query);
            exchange.getResponseHeaders().set("Location", query.get("redirect_uri") + "?code=fake-code&state="
                    + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
    }

    /** An endpoint answering JSON, reading (and ignoring) any request body; or redirecting, while it is told to. */
    void jsonAt(String path, java.util.function.Supplier<String> json) {
        handle(path, exchange -> {
            exchange.getRequestBody().readAllBytes();
            requests.merge(path, 1, Integer::sum);
            String movedTo = redirects.get(path);
            if (movedTo != null) {
                exchange.getResponseHeaders().set("Location", movedTo);
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            byte[] body = json.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    /** From now on the JSON endpoint at {@code path} answers 302 to {@code target} (null: answers again). */
    void redirect(String path, String target) {
        if (target == null) {
            redirects.remove(path);
        } else {
            redirects.put(path, target);
        }
    }

    /** How many requests a JSON endpoint received so far. */
    int requests(String path) {
        return requests.getOrDefault(path, 0);
    }

    void start() {
        server.start();
    }

    private void handle(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
