package io.xaostech.platform.test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.HexFormat;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local HTTP server answering like Stripe's API for the calls the platform makes (customers, Checkout and
 * Customer Portal sessions, listing events and invoices), with Stripe's idempotency semantics: a request with an
 * {@code Idempotency-Key} seen before is answered with the first answer ({@code Idempotent-Replayed: true}), or
 * refused if its parameters differ. Tests can make the next call fail or answer late, and sign webhook payloads
 * exactly as Stripe does.
 */
public final class FakeStripe {

    public static final String API_KEY = "sk_test_xaos_fake";

    /** A request as received: method, path, form parameters and idempotency key. */
    public record Request(String method, String path, Map<String, String> params, String idempotencyKey) {
    }

    private record Answer(int status, String body) {
    }

    private static FakeStripe instance;

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> idempotent = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> idempotentParams = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> customers = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> checkoutSessions = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> invoices = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicReference<Integer> failNext = new AtomicReference<>();
    private final AtomicReference<Duration> delayNext = new AtomicReference<>();

    private FakeStripe() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fake-stripe");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/v1/", this::handle);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "fake-stripe-stop"));
    }

    public static synchronized FakeStripe get() {
        if (instance == null) {
            instance = new FakeStripe();
        }
        return instance;
    }

    /** The API base to configure ({@code xaos.payments.stripe.api-base}). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The next POST or DELETE fails with this HTTP status and carries nothing out; as at Stripe, a request with an
     * idempotency key that failed so is answered the same way when sent again with that key.
     */
    public void failNext(int status) {
        failNext.set(status);
    }

    /** The next POST is carried out at once but answered only after {@code delay} (a lost answer). */
    public void answerNextAfter(Duration delay) {
        delayNext.set(delay);
    }

    public List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    /** Checkout Sessions created for a customer, each once however often it was asked for. */
    public List<Map<String, Object>> checkoutSessionsOf(String customer) {
        return checkoutSessions.values().stream().filter(s -> customer.equals(s.get("customer"))).toList();
    }

    public List<Map<String, Object>> customersOf(String userId) {
        return customers.values().stream()
                .filter(c -> userId.equals(((Map<?, ?>) c.get("metadata")).get("xaos_user_id"))).toList();
    }

    public boolean customerDeleted(String id) {
        return Boolean.TRUE.equals(customers.getOrDefault(id, Map.of()).get("deleted"));
    }

    /** Adds an event (its JSON text) to what {@code GET /v1/events} lists. */
    public void addEvent(String eventJson) {
        events.add(json.readValue(eventJson, LinkedHashMap.class));
    }

    /** Adds an invoice (its JSON text) to what {@code GET /v1/invoices} lists. */
    public void addInvoice(String invoiceJson) {
        invoices.add(json.readValue(invoiceJson, LinkedHashMap.class));
    }

    /** The {@code Stripe-Signature} header Stripe sends with {@code payload}: {@code t=…,v1=HMAC-SHA256(secret, t.payload)}. */
    public static String signature(String secret, String payload, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = form("GET".equals(method) ? query : body);
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            requests.add(new Request(method, path, params, key));
            if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, new Answer(401, error("invalid_request_error", "Invalid API Key provided")), false);
                return;
            }
            boolean mutation = !"GET".equals(method);
            Answer answer;
            boolean replayed = false;
            synchronized (this) {
                if (mutation && key != null && idempotent.containsKey(key)) {
                    replayed = idempotentParams.get(key).equals(params);
                    answer = replayed ? idempotent.get(key) : new Answer(400, error("idempotency_error",
                            "Keys for idempotent requests can only be used with the same parameters they were first used with."));
                } else {
                    Integer failure = mutation ? failNext.getAndSet(null) : null;
                    // Like Stripe: a request that began and failed keeps its 5xx answer for its key.
                    answer = failure != null ? new Answer(failure, error("api_error", "Something went wrong on Stripe's end."))
                            : answer(method, path, params);
                    if (mutation && key != null) {
                        idempotent.put(key, answer);
                        idempotentParams.put(key, params);
                    }
                }
            }
            Duration delay = mutation && !replayed ? delayNext.getAndSet(null) : null;
            if (delay != null) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            send(exchange, answer, replayed);
        }
    }

    private Answer answer(String method, String path, Map<String, String> params) {
        long now = Instant.now().getEpochSecond();
        if ("POST".equals(method) && "/v1/customers".equals(path)) {
            Map<String, Object> customer = object("cus", "customer");
            customer.put("metadata", nested(params, "metadata"));
            customers.put((String) customer.get("id"), customer);
            return ok(customer);
        }
        if ("GET".equals(method) && "/v1/customers/search".equals(path)) {
            // Only the query the platform makes: metadata['xaos_user_id']:'<uuid>'.
            String user = params.getOrDefault("query", "").replaceAll(".*:'([^']*)'.*", "$1");
            List<Map<String, Object>> found = customersOf(user).stream()
                    .filter(c -> !Boolean.TRUE.equals(c.get("deleted"))).toList();
            return ok(Map.of("object", "search_result", "url", "/v1/customers/search", "has_more", false,
                    "data", found));
        }
        if ("DELETE".equals(method) && path.startsWith("/v1/customers/")) {
            Map<String, Object> customer = customers.get(path.substring("/v1/customers/".length()));
            if (customer == null || Boolean.TRUE.equals(customer.get("deleted"))) {
                return new Answer(404, error("invalid_request_error", "No such customer", "resource_missing"));
            }
            customer.put("deleted", true);
            return ok(Map.of("id", customer.get("id"), "object", "customer", "deleted", true));
        }
        if ("POST".equals(method) && "/v1/checkout/sessions".equals(path)) {
            Map<String, Object> session = object("cs_test", "checkout.session");
            session.put("mode", params.get("mode"));
            session.put("customer", params.get("customer"));
            session.put("client_reference_id", params.get("client_reference_id"));
            session.put("url", "https://checkout.stripe.com/c/pay/" + session.get("id"));
            session.put("expires_at", now + 86_400);
            session.put("params", params);
            checkoutSessions.put((String) session.get("id"), session);
            return ok(session);
        }
        if ("POST".equals(method) && "/v1/billing_portal/sessions".equals(path)) {
            Map<String, Object> session = object("bps", "billing_portal.session");
            session.put("customer", params.get("customer"));
            session.put("url", "https://billing.stripe.com/p/session/" + session.get("id"));
            return ok(session);
        }
        if ("GET".equals(method) && "/v1/events".equals(path)) {
            return list(events, params, "/v1/events");
        }
        if ("GET".equals(method) && "/v1/invoices".equals(path)) {
            return list(invoices.stream().filter(i -> params.get("status") == null
                    || params.get("status").equals(i.get("status"))).toList(), params, "/v1/invoices");
        }
        return new Answer(404, error("invalid_request_error", "Unrecognized request URL (" + method + ": " + path + ")"));
    }

    /** Newest first, filtered by {@code created[gte]}/{@code created[lte]}, paged by {@code starting_after}. */
    private Answer list(List<Map<String, Object>> all, Map<String, String> params, String url) {
        long from = Long.parseLong(params.getOrDefault("created[gte]", "0"));
        long to = Long.parseLong(params.getOrDefault("created[lte]", Long.toString(Long.MAX_VALUE)));
        int limit = Integer.parseInt(params.getOrDefault("limit", "10"));
        List<Map<String, Object>> matching = new ArrayList<>(all.stream().filter(o -> {
            long created = ((Number) o.get("created")).longValue();
            return created >= from && created <= to;
        }).sorted(Comparator.comparingLong((Map<String, Object> o) -> ((Number) o.get("created")).longValue()).reversed())
                .toList());
        String after = params.get("starting_after");
        if (after != null) {
            int index = 0;
            while (index < matching.size() && !after.equals(matching.get(index).get("id"))) {
                index++;
            }
            matching = new ArrayList<>(matching.subList(Math.min(index + 1, matching.size()), matching.size()));
        }
        List<Map<String, Object>> page = matching.subList(0, Math.min(limit, matching.size()));
        return ok(Map.of("object", "list", "url", url, "has_more", matching.size() > limit, "data", page));
    }

    private Map<String, Object> object(String prefix, String type) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", prefix + "_" + Long.toString(System.nanoTime(), 36) + ids.incrementAndGet());
        object.put("object", type);
        object.put("created", Instant.now().getEpochSecond());
        object.put("livemode", false);
        return object;
    }

    private static Map<String, String> nested(Map<String, String> params, String name) {
        Map<String, String> values = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith(name + "[") && k.endsWith("]")) {
                values.put(k.substring(name.length() + 1, k.length() - 1), v);
            }
        });
        return values;
    }

    private Answer ok(Map<String, Object> object) {
        return new Answer(200, json.writeValueAsString(object));
    }

    private String error(String type, String message) {
        return error(type, message, null);
    }

    private String error(String type, String message, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("message", message);
        if (code != null) {
            error.put("code", code);
        }
        return json.writeValueAsString(Map.of("error", error));
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static void send(HttpExchange exchange, Answer answer, boolean replayed) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_fake" + System.nanoTime());
        if (replayed) {
            exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
