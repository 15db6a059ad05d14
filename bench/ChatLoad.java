import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load client of bench/chat.sh, run as a single-file program (no dependencies):
 *   PORTS USERS_FILE ROOMS SENDS_PER_SECOND SECONDS SYNC_DIR
 * Creates ROOMS public rooms, puts every user of USERS_FILE ("user-id token" lines) in one of them, connects each
 * user's WebSocket to one of the comma-separated chat PORTS (round robin) and subscribes it to its room. Then
 * writes SYNC_DIR/connected and waits for SYNC_DIR/measured (the script measures the idle server meanwhile). Then
 * sends SENDS_PER_SECOND messages a second, spread over all users, for SECONDS, and prints what was delivered:
 * messages a second arriving at clients, and send-to-receive latency (each body carries its send time; sender and
 * receivers share this process's clock).
 */
public class ChatLoad {

    private static final Pattern SENT_AT = Pattern.compile("\"body\":\"t(\\d+)\"");
    private static final Pattern ROOM_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        String[] ports = args[0].split(",");
        List<String[]> users = Files.readAllLines(Path.of(args[1])).stream().filter(l -> !l.isBlank())
                .map(l -> l.split(" ")).toList();
        int rooms = Integer.parseInt(args[2]);
        int sendsPerSecond = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        Path sync = Path.of(args[5]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        List<String> roomIds = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            String owner = users.get(r % users.size())[1];
            String created = call(http, ports[0], "POST", "/api/v1/chat/rooms", owner,
                    "{\"kind\":\"PUBLIC\",\"name\":\"Bench room " + r + "\"}");
            Matcher id = ROOM_ID.matcher(created);
            if (!id.find()) {
                throw new IllegalStateException("room not created: " + created);
            }
            roomIds.add(id.group(1));
        }
        for (int u = 0; u < users.size(); u++) {
            call(http, ports[u % ports.length], "POST", "/api/v1/chat/rooms/" + roomIds.get(u % rooms) + "/join",
                    users.get(u)[1], null);
        }

        long[] latencies = new long[Math.max(1, sendsPerSecond * seconds * (users.size() / rooms + 1) * 2)];
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong delivered = new AtomicLong();
        AtomicLong acks = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong closes = new AtomicLong();
        CountDownLatch subscribed = new CountDownLatch(users.size());
        List<Client> clients = new ArrayList<>();
        long connectStart = System.nanoTime();
        for (int u = 0; u < users.size(); u++) {
            Client client = new Client(roomIds.get(u % rooms), latencies, recorded, delivered, acks, errors, closes, subscribed);
            client.socket = http.newWebSocketBuilder().subprotocols("xaos-chat.v1", "bearer." + users.get(u)[1])
                    .buildAsync(URI.create("ws://127.0.0.1:" + ports[u % ports.length] + "/ws/chat"), client)
                    .get(30, TimeUnit.SECONDS);
            client.send("{\"type\":\"subscribe\",\"room\":\"" + client.room + "\"}");
            clients.add(client);
        }
        if (!subscribed.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(subscribed.getCount() + " clients not subscribed");
        }
        System.out.printf("connections: %d in %d rooms over %d instance(s), connected and subscribed in %.1f s%n",
                clients.size(), rooms, ports.length, (System.nanoTime() - connectStart) / 1e9);
        Files.writeString(sync.resolve("connected"), "");
        while (!Files.exists(sync.resolve("measured"))) {
            Thread.sleep(200);
        }

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicLong sent = new AtomicLong();
        int perTick = Math.max(1, sendsPerSecond / 100);
        long tickMicros = 1_000_000L * perTick / Math.max(1, sendsPerSecond);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        ticker.scheduleAtFixedRate(() -> {
            for (int i = 0; i < perTick && System.nanoTime() < end; i++) {
                Client client = clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
                client.send("{\"type\":\"send\",\"room\":\"" + client.room + "\",\"body\":\"t" + System.nanoTime() + "\"}");
                sent.incrementAndGet();
            }
        }, 0, tickMicros, TimeUnit.MICROSECONDS);
        Thread.sleep(seconds * 1000L);
        ticker.shutdown();
        long deliveredInWindow = delivered.get();
        Thread.sleep(2000); // the last sends land
        int n = Math.min(recorded.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        System.out.printf("sent: %d (%d/s offered), acknowledged: %d, error frames: %d, closed by server: %d%n",
                sent.get(), sendsPerSecond, acks.get(), errors.get(), closes.get());
        System.out.printf("delivered: %d in %d s = %.0f messages/s%n", deliveredInWindow, seconds,
                deliveredInWindow / (double) seconds);
        System.out.printf("latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)%n", pct(sorted, 0.50),
                pct(sorted, 0.99), n == 0 ? 0 : sorted[n - 1] / 1e6, n);
        System.out.printf("RESULT|%d|%d|%.0f|%.1f|%.1f|%d|%d%n", clients.size(), sendsPerSecond,
                deliveredInWindow / (double) seconds, pct(sorted, 0.50), pct(sorted, 0.99), errors.get(), closes.get());
        for (Client client : clients) {
            client.socket.abort();
        }
        System.exit(0);
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    private static String call(HttpClient http, String port, String method, String path, String token, String json)
            throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** One user's connection: counts what it receives and records each message's latency. */
    static final class Client implements WebSocket.Listener {
        final String room;
        private final long[] latencies;
        private final AtomicInteger recorded;
        private final AtomicLong delivered;
        private final AtomicLong acks;
        private final AtomicLong errors;
        private final AtomicLong closes;
        private final CountDownLatch subscribed;
        private final StringBuilder partial = new StringBuilder();
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
        WebSocket socket;

        Client(String room, long[] latencies, AtomicInteger recorded, AtomicLong delivered, AtomicLong acks,
               AtomicLong errors, AtomicLong closes, CountDownLatch subscribed) {
            this.room = room;
            this.latencies = latencies;
            this.recorded = recorded;
            this.delivered = delivered;
            this.acks = acks;
            this.errors = errors;
            this.closes = closes;
            this.subscribed = subscribed;
        }

        /** Frames go out one after another (the API allows one outstanding send per socket). */
        synchronized void send(String frame) {
            sending = sending.thenCompose(ignored -> socket.sendText(frame, true));
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                long now = System.nanoTime();
                if (frame.startsWith("{\"type\":\"message\"")) {
                    delivered.incrementAndGet();
                    Matcher sentAt = SENT_AT.matcher(frame);
                    if (sentAt.find()) {
                        int slot = recorded.getAndIncrement();
                        if (slot < latencies.length) {
                            latencies[slot] = now - Long.parseLong(sentAt.group(1));
                        }
                    }
                } else if (frame.startsWith("{\"type\":\"ack\"")) {
                    acks.incrementAndGet();
                } else if (frame.startsWith("{\"type\":\"subscribed\"")) {
                    subscribed.countDown();
                } else if (frame.startsWith("{\"type\":\"error\"")) {
                    errors.incrementAndGet();
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closes.incrementAndGet();
            return null;
        }
    }
}
