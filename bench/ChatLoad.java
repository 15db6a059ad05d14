import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
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
 * receivers share this process's clock). The WebSockets are plain non-blocking sockets read by one thread and
 * parsed in place, so that the client takes as little as it can of the machine it shares with the server.
 */
public class ChatLoad {

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
        Counters counters = new Counters(latencies);
        Selector selector = Selector.open();
        List<Client> clients = new ArrayList<>();
        long connectStart = System.nanoTime();
        for (int u = 0; u < users.size(); u++) {
            Client client = Client.open(Integer.parseInt(ports[u % ports.length]), users.get(u)[1], roomIds.get(u % rooms),
                    counters);
            client.send("{\"type\":\"subscribe\",\"room\":\"" + client.room + "\"}");
            client.channel.register(selector, SelectionKey.OP_READ, client);
            clients.add(client);
        }
        Thread reader = new Thread(() -> readAll(selector), "reader");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (counters.subscribed.get() < clients.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (counters.subscribed.get() < clients.size()) {
            throw new IllegalStateException((clients.size() - counters.subscribed.get()) + " clients not subscribed");
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
        long deliveredInWindow = counters.delivered.get();
        Thread.sleep(2000); // the last sends land
        int n = Math.min(counters.recorded.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        System.out.printf("sent: %d (%d/s offered), acknowledged: %d, error frames: %d, closed by server: %d%n",
                sent.get(), sendsPerSecond, counters.acks.get(), counters.errors.get(), counters.closes.get());
        System.out.printf("delivered: %d in %d s = %.0f messages/s%n", deliveredInWindow, seconds,
                deliveredInWindow / (double) seconds);
        System.out.printf("latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)%n", pct(sorted, 0.50),
                pct(sorted, 0.99), n == 0 ? 0 : sorted[n - 1] / 1e6, n);
        System.out.printf("RESULT|%d|%d|%.0f|%.1f|%.1f|%d|%d%n", clients.size(), sendsPerSecond,
                deliveredInWindow / (double) seconds, pct(sorted, 0.50), pct(sorted, 0.99), counters.errors.get(),
                counters.closes.get());
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

    /** What every connection counts into. */
    record Counters(long[] latencies, AtomicInteger recorded, AtomicLong delivered, AtomicLong acks, AtomicLong errors,
                    AtomicLong closes, AtomicInteger subscribed) {
        Counters(long[] latencies) {
            this(latencies, new AtomicInteger(), new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(),
                    new AtomicInteger());
        }
    }

    /** The one reading thread: every connection's frames, parsed in place. */
    private static void readAll(Selector selector) {
        try {
            while (true) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    ((Client) key.attachment()).readable();
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One user's WebSocket on a plain socket: the handshake is blocking, then reads are non-blocking (the reading
     * thread) and writes go straight to the socket (small frames; a socket not taking one whole is waited for).
     */
    static final class Client {
        private static final byte[] MESSAGE = "{\"type\":\"message\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] ACK = "{\"type\":\"ack\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] SUBSCRIBED = "{\"type\":\"subscribed\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] ERROR = "{\"type\":\"error\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] SENT_AT = "\"body\":\"t".getBytes(StandardCharsets.US_ASCII);

        final String room;
        final SocketChannel channel;
        private final Counters counters;
        private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);

        private Client(String room, SocketChannel channel, Counters counters) {
            this.room = room;
            this.channel = channel;
            this.counters = counters;
        }

        static Client open(int port, String token, String room, Counters counters) throws IOException {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            write(channel, ByteBuffer.wrap(("GET /ws/chat HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Protocol: xaos-chat.v1, bearer." + token
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            Client client = new Client(room, channel, counters);
            ByteBuffer one = ByteBuffer.allocate(1);
            StringBuilder headers = new StringBuilder();
            while (headers.indexOf("\r\n\r\n") < 0) {
                one.clear();
                if (channel.read(one) < 0) {
                    throw new IOException("closed during the handshake");
                }
                headers.append((char) one.get(0));
            }
            if (!headers.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("handshake refused: " + headers);
            }
            channel.configureBlocking(false);
            return client;
        }

        /** Sends one masked text frame. */
        void send(String text) {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            ByteBuffer frame = ByteBuffer.allocate(payload.length + 14);
            frame.put((byte) 0x81);
            if (payload.length < 126) {
                frame.put((byte) (0x80 | payload.length));
            } else {
                frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
            }
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            frame.put(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.put((byte) (payload[i] ^ mask[i & 3]));
            }
            frame.flip();
            synchronized (this) {
                try {
                    write(channel, frame);
                } catch (IOException e) {
                    counters.closes.incrementAndGet();
                }
            }
        }

        private static void write(SocketChannel channel, ByteBuffer buffer) throws IOException {
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    Thread.onSpinWait();
                }
            }
        }

        /** Reads what arrived and handles every whole frame in it. */
        void readable() {
            try {
                if (channel.read(in) < 0) {
                    counters.closes.incrementAndGet();
                    channel.close();
                    return;
                }
            } catch (IOException e) {
                counters.closes.incrementAndGet();
                return;
            }
            long now = System.nanoTime();
            in.flip();
            while (in.remaining() >= 2) {
                int start = in.position();
                int opcode = in.get(start) & 0x0F;
                int length = in.get(start + 1) & 0x7F;
                int header = 2;
                if (length == 126) {
                    if (in.remaining() < 4) {
                        break;
                    }
                    length = in.getShort(start + 2) & 0xFFFF;
                    header = 4;
                } else if (length == 127) {
                    if (in.remaining() < 10) {
                        break;
                    }
                    length = (int) in.getLong(start + 2);
                    header = 10;
                }
                if (in.remaining() < header + length) {
                    break;
                }
                int payload = start + header;
                if (opcode == 0x8) {
                    counters.closes.incrementAndGet();
                } else if (opcode == 0x1) {
                    frame(payload, length, now);
                }
                in.position(payload + length);
            }
            in.compact();
        }

        private void frame(int at, int length, long now) {
            if (startsWith(at, MESSAGE)) {
                counters.delivered.incrementAndGet();
                int sentAt = indexOf(at, length, SENT_AT);
                if (sentAt >= 0) {
                    long value = 0;
                    for (int i = sentAt + SENT_AT.length; in.get(i) >= '0' && in.get(i) <= '9'; i++) {
                        value = value * 10 + (in.get(i) - '0');
                    }
                    int slot = counters.recorded.getAndIncrement();
                    if (slot < counters.latencies.length) {
                        counters.latencies[slot] = now - value;
                    }
                }
            } else if (startsWith(at, ACK)) {
                counters.acks.incrementAndGet();
            } else if (startsWith(at, SUBSCRIBED)) {
                counters.subscribed.incrementAndGet();
            } else if (startsWith(at, ERROR)) {
                counters.errors.incrementAndGet();
            }
        }

        private boolean startsWith(int at, byte[] prefix) {
            for (int i = 0; i < prefix.length; i++) {
                if (in.get(at + i) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        private int indexOf(int at, int length, byte[] needle) {
            outer:
            for (int i = at; i <= at + length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (in.get(i + j) != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
