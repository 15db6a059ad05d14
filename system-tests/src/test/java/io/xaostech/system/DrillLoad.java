package io.xaostech.system;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Steady traffic through the gateway while a drill breaks something: each worker is a signed-in user who, in
 * turn, reads the blog list, reads their account and posts a chat message (with a client message id, so a retry
 * is safe), at a fixed pace. Every request's start, duration and status is kept, and which messages were
 * acknowledged, so the drill can say what users saw and whether anything acknowledged was lost.
 */
final class DrillLoad implements AutoCloseable {

    /** One request: when it started and how long it took (ms since the load began), what it got (0: no answer). */
    record Sample(double startedMs, double tookMs, int status, String what) {
        boolean failed() {
            return status < 200 || status > 299;
        }
    }

    /** Requests in a span of time, and what they got. */
    record Span(int requests, int failed, Map<String, Integer> failures, double p99Ms) {
        /** The failures by request and answer, such as "chat send 503 ×4". */
        String statuses() {
            return failures.isEmpty() ? "none" : failures.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                    .reduce((a, b) -> a + ", " + b).orElse("");
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final long began = System.nanoTime();
    private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    private DrillLoad() {
    }

    /** Starts one worker per token, each doing {@code perSecond} requests a second. */
    static DrillLoad start(String base, List<String> tokens, String room, double perSecond) {
        DrillLoad load = new DrillLoad();
        for (int w = 0; w < tokens.size(); w++) {
            String token = tokens.get(w);
            String prefix = "drill-w" + w + "-" + Long.toString(System.nanoTime(), 36) + "-";
            Thread worker = new Thread(() -> load.work(base, token, room, prefix, perSecond), "drill-load-" + w);
            worker.setDaemon(true);
            load.workers.add(worker);
            worker.start();
        }
        return load;
    }

    private void work(String base, String token, String room, String prefix, double perSecond) {
        long gap = (long) (1_000_000_000L / perSecond);
        long next = System.nanoTime();
        for (int n = 0; running; n++) {
            HttpRequest request;
            String what;
            String messageId = null;
            switch (n % 3) {
                case 0 -> {
                    what = "blog list";
                    request = Platform.authorized(base + "/api/v1/blog/posts", token).timeout(TIMEOUT).build();
                }
                case 1 -> {
                    what = "account";
                    request = Platform.authorized(base + "/api/v1/account/me", token).timeout(TIMEOUT).build();
                }
                default -> {
                    what = "chat send";
                    messageId = prefix + n;
                    request = Platform.json(base + "/api/v1/chat/rooms/" + room + "/messages", token,
                            "{\"clientMessageId\":\"" + messageId + "\",\"body\":\"drill " + n + "\"}")
                            .timeout(TIMEOUT).build();
                }
            }
            double started = now();
            int status;
            try {
                status = Platform.HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {  // refused, reset or timed out: the user got no answer
                status = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            samples.add(new Sample(started, now() - started, status, what));
            if (messageId != null && status >= 200 && status <= 299) {
                acknowledged.add(messageId);
            }
            next += gap;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Platform.sleep(wait / 1_000_000);
            } else {
                next = System.nanoTime();
            }
        }
    }

    /** Milliseconds since the load began. */
    double now() {
        return (System.nanoTime() - began) / 1e6;
    }

    /** Stops the workers, each after its request in flight. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join(TIMEOUT.toMillis() + 1000);
        }
    }

    /** The chat messages whose sending was answered with a 2xx: these must never be lost. */
    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Requests that started in [fromMs, toMs). */
    Span span(double fromMs, double toMs) {
        List<Sample> in = samples.stream().filter(s -> s.startedMs() >= fromMs && s.startedMs() < toMs).toList();
        Map<String, Integer> failures = new TreeMap<>();
        in.stream().filter(Sample::failed).forEach(s ->
                failures.merge(s.what() + " " + (s.status() == 0 ? "no answer" : s.status()), 1, Integer::sum));
        double[] took = in.stream().mapToDouble(Sample::tookMs).sorted().toArray();
        double p99 = took.length == 0 ? 0 : took[Math.min(took.length - 1, (int) Math.ceil(took.length * 0.99) - 1)];
        return new Span(in.size(), (int) in.stream().filter(Sample::failed).count(), failures, Math.round(p99 * 10) / 10.0);
    }

    /** Seconds from {@code restoredMs} to the end of the last failed request started after it (0: none failed). */
    double recoverySeconds(double restoredMs) {
        double last = samples.stream().filter(s -> s.startedMs() >= restoredMs && s.failed())
                .mapToDouble(s -> s.startedMs() + s.tookMs()).max().orElse(restoredMs);
        return Math.round((last - restoredMs) / 100) / 10.0;
    }

    /** Whether any request got a 500 (a failure the service did not turn into a clear answer). */
    long internalErrors() {
        return samples.stream().filter(s -> s.status() == 500).count();
    }
}
