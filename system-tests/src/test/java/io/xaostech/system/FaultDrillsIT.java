package io.xaostech.system;

import static io.xaostech.system.Platform.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.common.service.XaosService;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Fault drills against the running platform: the faults production meets, each stopping by itself, each saying
 * what users saw (errors, latency), what was lost (nothing acknowledged may be) and how long recovery took. The
 * figures go to {@link DrillFigures} (and through {@code bench/drills.sh} into bench/REPORT.md).
 */
@Order(4)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultDrillsIT {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final Pattern CLIENT_ID = Pattern.compile("\"clientMessageId\":\"([^\"]+)\"");
    private static String base;

    @BeforeAll
    static void platformIsUp() throws Exception {
        Platform.up();
        base = "http://127.0.0.1:" + port(XaosService.GATEWAY);
        DrillFigures.reset();
    }

    @Test
    @Order(1)
    void aBurstOfTenTimesTheLimitFromOneKeyIsRefusedWithoutSlowingAnyoneElse() throws Exception {
        String burster = newUser(base, "Burster");
        String bystander = newUser(base, "Bystander");
        // The user plan allows 20 requests a second with a burst of 40 (api-gateway's application.yml).
        int limitPerSecond = 20;
        int sent = 10 * limitPerSecond;
        Map<Integer, AtomicInteger> byStatus = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> refusalHeaders = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Integer> bystanderStatuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Double> bystanderMs = new java.util.concurrent.CopyOnWriteArrayList<>();

        Thread neighbour = new Thread(() -> {
            for (int i = 0; i < 30; i++) {
                long t0 = System.nanoTime();
                try {
                    bystanderStatuses.add(HTTP.send(authorized(base + "/api/v1/account/me", bystander)
                                    .timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode());
                } catch (Exception e) {
                    bystanderStatuses.add(0);
                }
                bystanderMs.add((System.nanoTime() - t0) / 1e6);
                sleep(50);
            }
        });
        neighbour.start();
        long burstStart = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            Thread sender = new Thread(() -> {
                for (int i = 0; i < sent / 20; i++) {
                    try {
                        HttpResponse<String> answer = send(authorized(base + "/api/v1/account/me", burster));
                        byStatus.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (answer.statusCode() == 429 && refusalHeaders.isEmpty()) {
                            refusalHeaders.add(answer.headers().firstValue("Content-Type").orElse("") + " | retry-after="
                                    + answer.headers().firstValue("Retry-After").orElse("none"));
                        }
                    } catch (Exception e) {
                        byStatus.computeIfAbsent(0, s -> new AtomicInteger()).incrementAndGet();
                    }
                }
            });
            senders.add(sender);
            sender.start();
        }
        for (Thread sender : senders) {
            sender.join();
        }
        double burstSeconds = (System.nanoTime() - burstStart) / 1e9;
        long burstEnd = System.nanoTime();
        int after;
        do {
            after = send(authorized(base + "/api/v1/account/me", burster)).statusCode();
            if (after == 429) {
                sleep(20);
            }
        } while (after == 429 && System.nanoTime() - burstEnd < 10_000_000_000L);
        double recovery = (System.nanoTime() - burstEnd) / 1e9;
        neighbour.join(60_000);

        int accepted = byStatus.getOrDefault(200, new AtomicInteger()).get();
        int refused = byStatus.getOrDefault(429, new AtomicInteger()).get();
        int other = sent - accepted - refused;
        double[] bystanderSorted = bystanderMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        long bystanderFailed = bystanderStatuses.stream().filter(s -> s != 200).count();
        // At most the bucket (40) plus what refills while the burst lasts.
        int allowed = 40 + (int) Math.ceil(burstSeconds * limitPerSecond) + limitPerSecond;
        DrillFigures.record("burst.sent", "gateway burst: requests from one user in " + round(burstSeconds) + " s (10× the limit)",
                sent, "requests", "");
        DrillFigures.record("burst.accepted", "gateway burst: answered 200 (bucket of 40 plus refill)", accepted, "requests",
                "<= " + allowed);
        DrillFigures.record("burst.refused", "gateway burst: refused with 429 and Retry-After", refused, "requests", "");
        DrillFigures.record("burst.other", "gateway burst: any other answer (errors, no answer)", other, "requests", "= 0");
        DrillFigures.record("burst.bystander_failed", "gateway burst: another user's requests meanwhile that failed",
                bystanderFailed, "requests", "= 0");
        DrillFigures.record("burst.bystander_p99_ms", "gateway burst: another user's p99 meanwhile",
                round(bystanderSorted[Math.max(0, (int) Math.ceil(bystanderSorted.length * 0.99) - 1)]), "ms", "");
        DrillFigures.record("burst.recovery_s", "gateway burst: until the bursting user is served again",
                round(recovery), "s", "<= 1");

        assertThat(other).as("answers other than 200/429: %s", byStatus).isZero();
        assertThat(accepted).isBetween(limitPerSecond, allowed);
        assertThat(refusalHeaders).isNotEmpty();
        assertThat(refusalHeaders.get(0)).contains("application/problem+json").doesNotContain("retry-after=none");
        assertThat(bystanderFailed).as("the neighbour is not refused").isZero();
        assertThat(after).isEqualTo(200);
    }

    @Test
    @Order(2)
    void redisKilledUnderLoadAndStartedAgain() throws Exception {
        Setup setup = loadSetup("redis");
        try (DrillLoad load = DrillLoad.start(base, setup.tokens(), setup.room(), 6)) {
            sleep(4000);
            double faultAt = load.now();
            killRedis();
            sleep(5000);
            double restoredAt = load.now();
            startRedis();
            sleep(15000);
            load.close();
            report("redis", "Redis killed (SIGKILL, nothing kept) for 5 s and started empty", load, faultAt, restoredAt, 10);
            assertNothingAcknowledgedLost("redis", setup, load);
        }
        assertLiveChatWorks();
        assertEventsFlowAgain();
    }

    @Test
    @Order(3)
    void postgresRestartedUnderLoad() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(Path.of("/etc/postgresql")),
                "restarting PostgreSQL needs root and Debian's pg_ctlcluster, as CI has");
        Setup setup = loadSetup("postgres");
        String version;
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            version = versions.map(p -> p.getFileName().toString()).findFirst().orElseThrow();
        }
        try (DrillLoad load = DrillLoad.start(base, setup.tokens(), setup.room(), 6)) {
            sleep(4000);
            double faultAt = load.now();
            run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart", "-m", "fast"));
            double restoredAt = load.now();
            sleep(15000);
            load.close();
            report("postgres", "PostgreSQL restarted (fast shutdown: sessions cut)", load, faultAt, restoredAt, 10);
            assertNothingAcknowledgedLost("postgres", setup, load);
        }
    }

    @Test
    @Order(4)
    void aServiceKilledDuringAnErasureDoesNotStopItFromCompleting() throws Exception {
        String admin = signInWithPkce(base, ADMIN_EMAIL, ADMIN_PASSWORD);
        String slug = "drill-" + System.nanoTime();
        assertThat(send(json(base + "/api/v1/blog/admin/posts", admin, "{\"title\":\"Drill\",\"slug\":\"" + slug
                + "\",\"bodyMarkdown\":\"A post to comment on.\",\"status\":\"PUBLISHED\"}")).statusCode()).isEqualTo(201);
        String user = newUser(base, "Leaving");
        String userId = subject(user);
        String marker = "drillmark" + Long.toString(System.nanoTime(), 36);
        assertThat(send(json(base + "/api/v1/blog/posts/" + slug + "/comments", user,
                "{\"body\":\"" + marker + "\",\"displayName\":\"Leaving\"}")).statusCode()).isEqualTo(201);
        String room = field(send(json(base + "/api/v1/chat/rooms", user, "{\"kind\":\"PUBLIC\",\"name\":\"Leaving\"}"))
                .body(), "id");
        assertThat(send(json(base + "/api/v1/chat/rooms/" + room + "/messages", user, "{\"body\":\"" + marker + "\"}"))
                .statusCode()).isEqualTo(201);
        assertThat(count("blog.comments", "body_markdown", marker) + count("chat.messages", "body", marker)).isEqualTo(2);

        // blog dies (SIGKILL) as the erasure is filed: killed just before, so its step surely meets it down.
        String blogPid = Files.readString(VAR.resolve("run/blog-service.pid")).trim();
        run(List.of("kill", "-9", blogPid));
        String erasure = field(send(json(base + "/api/v1/data/users/" + userId + "/privacy-requests", user,
                "{\"kind\":\"ERASURE\"}")).body(), "id");
        long requested = System.nanoTime();
        Set<String> statusesSeen = new LinkedHashSet<>();
        long restartAfter = requested + 5_000_000_000L;
        while (System.nanoTime() < restartAfter) {
            statusesSeen.add(statusOf(erasure, user));
            sleep(500);
        }
        long restarting = System.nanoTime();
        Run up = launcher("up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        double restart = (System.nanoTime() - restarting) / 1e9;
        String done = awaitCompleted(base, erasure, user, Duration.ofMinutes(4));
        double completed = (System.nanoTime() - requested) / 1e9;
        Matcher blogStep = Pattern.compile("\"service\":\"blog\",\"status\":\"(\\w+)\",\"attempts\":(\\d+)").matcher(done);
        assertThat(blogStep.find()).as(done).isTrue();
        int left = count("blog.comments", "body_markdown", marker) + count("chat.messages", "body", marker);

        DrillFigures.record("erasure.blog_restart_s", "erasure: blog-service killed (SIGKILL) as the request was filed, "
                + "restarted after 5 s; its start took", round(restart), "s", "");
        DrillFigures.record("erasure.attempts", "erasure: attempts the blog step needed", blogStep.group(2), "attempts", "");
        DrillFigures.record("erasure.completed_s", "erasure: from request to every service done (retry waits 30 s, doubling)",
                round(completed), "s", "<= 240");
        DrillFigures.record("erasure.statuses", "erasure: what the user saw meanwhile", String.join(", ", statusesSeen),
                "", "");
        DrillFigures.record("erasure.left_behind", "erasure: the user's comment and message still readable afterwards",
                left, "records", "= 0");
        assertThat(Integer.parseInt(blogStep.group(2))).as("the blog step met blog down and was retried").isGreaterThan(1);
        assertThat(statusesSeen).doesNotContain("FAILED");
        assertThat(left).isZero();
    }

    @Test
    @Order(5)
    void aChatInstanceKilledWhileClientsAreConnectedLosesNoAcknowledgedMessage() throws Exception {
        String alice = newUser(base, "Alice");
        String bob = newUser(base, "Bob");
        String room = field(send(json(base + "/api/v1/chat/rooms", alice, "{\"kind\":\"PUBLIC\",\"name\":\"Drill\"}"))
                .body(), "id");
        assertThat(send(json(base + "/api/v1/chat/rooms/" + room + "/join", bob, "")).statusCode()).isEqualTo(200);
        int first = port(XaosService.CHAT);
        int second = first + 100;
        Process secondInstance = startSecondChatInstance(second);
        try {
            ChatFrames bobSees = new ChatFrames();
            WebSocket bobSocket = connect(first, bob, bobSees);
            subscribe(bobSocket, room, null);
            bobSees.next("subscribed");
            ChatFrames aliceSees = new ChatFrames();
            WebSocket aliceSocket = connect(second, alice, aliceSees);
            subscribe(aliceSocket, room, null);
            aliceSees.next("subscribed");

            Map<String, Long> acked = new LinkedHashMap<>();
            List<String> sent = new ArrayList<>();
            long aliceLastSeq = 0;
            double killedAt = 0;
            double resumedAt = 0;
            long t0 = System.nanoTime();
            // 24 messages in about 4 s: under chat's limit of 30 a user in 10 s, resends included.
            for (int i = 1; i <= 24; i++) {
                if (i == 12) {
                    killedAt = (System.nanoTime() - t0) / 1e6;
                    secondInstance.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                String id = "drill-" + i;
                sent.add(id);
                trySend(aliceSocket, room, id, "line " + i);
                aliceLastSeq = Math.max(aliceLastSeq, collect(aliceSees, acked, 150));
                if (aliceSees.ended()) {
                    // What a client does: reconnect (to whichever instance answers), resume after the last
                    // message it saw, and send again what was not acknowledged, under the same ids.
                    aliceSees = new ChatFrames();
                    aliceSocket = connect(first, alice, aliceSees);
                    subscribe(aliceSocket, room, aliceLastSeq);
                    aliceSees.next("subscribed");
                    resumedAt = (System.nanoTime() - t0) / 1e6;
                    for (String pending : sent) {
                        if (!acked.containsKey(pending)) {
                            trySend(aliceSocket, room, pending, "line " + pending.substring("drill-".length()));
                        }
                    }
                }
            }
            long until = System.nanoTime() + 10_000_000_000L;
            while (acked.size() < sent.size() && System.nanoTime() < until) {
                aliceLastSeq = Math.max(aliceLastSeq, collect(aliceSees, acked, 200));
            }
            Map<String, Long> bobGot = new HashMap<>();
            until = System.nanoTime() + 10_000_000_000L;
            while (!bobGot.keySet().containsAll(acked.keySet()) && System.nanoTime() < until) {
                String frame = bobSees.poll(200);
                if (frame != null && frame.startsWith("{\"type\":\"message\"")) {
                    bobGot.put(match(CLIENT_ID, frame), Long.parseLong(match(SEQ, frame)));
                }
            }
            String history = send(authorized(base + "/api/v1/chat/rooms/" + room + "/messages?limit=200", bob)).body();
            List<String> stored = CLIENT_ID.matcher(history).results().map(m -> m.group(1)).toList();
            long lost = acked.keySet().stream().filter(id -> !stored.contains(id)).count();
            long duplicates = stored.size() - new LinkedHashSet<>(stored).size();
            long missedLive = acked.keySet().stream().filter(id -> !bobGot.containsKey(id)).count();
            aliceSocket.abort();
            bobSocket.abort();

            DrillFigures.record("chat.acknowledged", "chat: messages one client sent and had acknowledged, "
                    + "its instance killed (SIGKILL) half-way", acked.size() + " of " + sent.size(), "messages", "");
            DrillFigures.record("chat.reconnect_ms", "chat: from the kill to the client subscribed on the other instance",
                    round(resumedAt - killedAt), "ms", "<= 2000");
            DrillFigures.record("chat.lost", "chat: acknowledged messages missing from the room", lost, "messages", "= 0");
            DrillFigures.record("chat.duplicates", "chat: messages stored twice (resent under the same id)", duplicates,
                    "messages", "= 0");
            DrillFigures.record("chat.missed_live", "chat: acknowledged messages the other client did not get live "
                    + "(a client fetches these on the gap in seq)", missedLive, "messages", "");
            assertThat(acked).hasSize(sent.size());
            assertThat(lost).isZero();
            assertThat(duplicates).isZero();
            assertThat(resumedAt).as("the client noticed the instance had gone and resumed").isGreaterThan(killedAt);
        } finally {
            secondInstance.destroyForcibly();
        }
    }

    /** Users and a room of theirs for a load, named after the drill. */
    private record Setup(List<String> tokens, String room) {
    }

    private static Setup loadSetup(String drill) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tokens.add(newUser(base, "Load" + drill + i));
        }
        String room = field(send(json(base + "/api/v1/chat/rooms", tokens.get(0),
                "{\"kind\":\"PUBLIC\",\"name\":\"Load " + drill + "\"}")).body(), "id");
        for (String token : tokens.subList(1, tokens.size())) {
            assertThat(send(json(base + "/api/v1/chat/rooms/" + room + "/join", token, "")).statusCode()).isEqualTo(200);
        }
        return new Setup(tokens, room);
    }

    /** What users saw before, during and after the fault, as figures; fails if it did not recover in time. */
    private static void report(String key, String fault, DrillLoad load, double faultAt, double restoredAt,
            double recoveryGoal) {
        DrillLoad.Span before = load.span(0, faultAt);
        // The fault's effect lasts past the moment it is repaired: "during" runs until recovery is complete.
        double recovery = load.recoverySeconds(restoredAt);
        DrillLoad.Span during = load.span(faultAt, restoredAt + recovery * 1000);
        DrillLoad.Span last = load.span(restoredAt + recovery * 1000, Double.MAX_VALUE);
        String what = key + ": " + fault + "; ";
        DrillFigures.record(key + ".outage_s", what + "fault lasted", round((restoredAt - faultAt) / 1000), "s", "");
        DrillFigures.record(key + ".before_p99_ms", key + ": p99 before the fault (" + before.requests() + " requests)",
                before.p99Ms(), "ms", "");
        DrillFigures.record(key + ".failed", key + ": requests that failed from the fault to recovery, of "
                + during.requests() + " (" + during.statuses() + ")", during.failed(), "requests", "");
        DrillFigures.record(key + ".during_p99_ms", key + ": p99 from the fault to recovery", during.p99Ms(), "ms", "");
        DrillFigures.record(key + ".internal_errors", key + ": answers that were a bare 500", load.internalErrors(),
                "answers", "= 0");
        DrillFigures.record(key + ".recovery_s", key + ": from repair to the last failed request", recovery, "s",
                "<= " + (int) recoveryGoal);
        DrillFigures.record(key + ".after_failed", key + ": failed requests after recovery (of " + last.requests() + ")",
                last.failed(), "requests", "= 0");
        assertThat(recovery).as(key + " recovery").isLessThanOrEqualTo(recoveryGoal);
        assertThat(last.requests()).isPositive();
        assertThat(last.failed()).isZero();
        assertThat(load.internalErrors()).as("no bare 500s").isZero();
    }

    private static void assertNothingAcknowledgedLost(String key, Setup setup, DrillLoad load) throws Exception {
        Set<String> acknowledged = load.acknowledged();
        String ids = String.join("','", acknowledged);
        String stored = sql("select count(distinct client_msg_id) from chat.messages where room_id = '" + setup.room()
                + "' and client_msg_id in ('" + ids + "')");
        long lost = acknowledged.size() - Long.parseLong(stored);
        DrillFigures.record(key + ".acknowledged", key + ": chat messages acknowledged during the drill",
                acknowledged.size(), "messages", "");
        DrillFigures.record(key + ".lost", key + ": acknowledged messages not stored", lost, "messages", "= 0");
        assertThat(acknowledged).isNotEmpty();
        assertThat(lost).isZero();
    }

    /** Two users exchange a message live through the gateway (chat's fan-out works). */
    private static void assertLiveChatWorks() throws Exception {
        String alice = newUser(base, "LiveA");
        String bob = newUser(base, "LiveB");
        String room = field(send(json(base + "/api/v1/chat/rooms", alice, "{\"kind\":\"PUBLIC\",\"name\":\"Live\"}")).body(), "id");
        assertThat(send(json(base + "/api/v1/chat/rooms/" + room + "/join", bob, "")).statusCode()).isEqualTo(200);
        ChatFrames bobSees = new ChatFrames();
        WebSocket bobSocket = connect(port(XaosService.GATEWAY), bob, bobSees);
        subscribe(bobSocket, room, null);
        bobSees.next("subscribed");
        assertThat(send(json(base + "/api/v1/chat/rooms/" + room + "/messages", alice, "{\"body\":\"after the drill\"}"))
                .statusCode()).isEqualTo(201);
        assertThat(bobSees.next("message")).contains("after the drill");
        bobSocket.abort();
    }

    /**
     * Events between services flow again after Redis came back empty: a user deletes their account and chat, which
     * hears of it only through account's UserDeleted event, erases their message.
     */
    private static void assertEventsFlowAgain() throws Exception {
        String leaving = newUser(base, "Eventful");
        String marker = "eventmark" + Long.toString(System.nanoTime(), 36);
        String room = field(send(json(base + "/api/v1/chat/rooms", leaving, "{\"kind\":\"PUBLIC\",\"name\":\"Ev\"}"))
                .body(), "id");
        assertThat(send(json(base + "/api/v1/chat/rooms/" + room + "/messages", leaving, "{\"body\":\"" + marker + "\"}"))
                .statusCode()).isEqualTo(201);
        String confirmation = "{\"password\":\"" + passwordOf("Eventful") + "\"}";
        assertThat(send(authorized(base + "/api/v1/account/me", leaving).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(confirmation))).statusCode()).isEqualTo(204);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (count("chat.messages", "body", marker) > 0 && System.nanoTime() < deadline) {
            sleep(500);
        }
        assertThat(count("chat.messages", "body", marker)).as("chat erased the deleted user's message").isZero();
    }

    private static Process startSecondChatInstance(int port) throws Exception {
        Run env = launcher("env");
        assertThat(env.exitCode()).as(env.output()).isZero();
        Path jar;
        try (var jars = Files.list(ROOT.resolve("chat-service/target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("chat-service-.*\\.jar")).findFirst().orElseThrow();
        }
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(VAR.resolve("log/chat-service-second.log").toFile());
        env.output().lines().filter(l -> l.matches("XAOS_[A-Z0-9_]+=.*")).forEach(l -> {
            int eq = l.indexOf('=');
            builder.environment().put(l.substring(0, eq), l.substring(eq + 1));
        });
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        Process process = builder.start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            try {
                if (get(port, "/readyz").statusCode() == 200) {
                    return process;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("the second chat instance did not start; see "
                        + VAR.resolve("log/chat-service-second.log"));
            }
            sleep(250);
        }
    }

    private static WebSocket connect(int port, String token, ChatFrames frames) throws Exception {
        return HTTP.newWebSocketBuilder().subprotocols("xaos-chat.v1", "bearer." + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat"), frames).get(10, TimeUnit.SECONDS);
    }

    private static void subscribe(WebSocket socket, String room, Long afterSeq) {
        socket.sendText("{\"type\":\"subscribe\",\"room\":\"" + room + "\""
                + (afterSeq == null ? "" : ",\"afterSeq\":" + afterSeq) + "}", true).join();
    }

    /** Sends, unless the connection has already gone (the resend after reconnecting covers it). */
    private static void trySend(WebSocket socket, String room, String clientMessageId, String body) {
        try {
            socket.sendText("{\"type\":\"send\",\"room\":\"" + room + "\",\"clientMessageId\":\"" + clientMessageId
                    + "\",\"body\":\"" + body + "\"}", true).get(2, TimeUnit.SECONDS);
        } catch (Exception gone) {
            // not sent: not acknowledged either, so it is sent again after reconnecting
        }
    }

    /** Reads frames for a while: acknowledgements into {@code acked}; the highest message seq seen. */
    private static long collect(ChatFrames frames, Map<String, Long> acked, long millis) throws InterruptedException {
        long lastSeq = 0;
        long until = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < until && !frames.ended()) {
            String frame = frames.poll(20);
            if (frame == null) {
                continue;
            }
            if (frame.startsWith("{\"type\":\"ack\"")) {
                acked.put(match(CLIENT_ID, frame), Long.parseLong(match(SEQ, frame)));
            } else if (frame.startsWith("{\"type\":\"message\"")) {
                lastSeq = Math.max(lastSeq, Long.parseLong(match(SEQ, frame)));
            }
        }
        return lastSeq;
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new AssertionError(pattern + " not in " + text);
        }
        return m.group(1);
    }

    private static String statusOf(String request, String token) throws Exception {
        HttpResponse<String> answer = send(authorized(base + "/api/v1/data/privacy-requests/" + request, token));
        return answer.statusCode() == 200 ? field(answer.body(), "status") : "HTTP " + answer.statusCode();
    }

    private static int count(String table, String column, String marker) throws Exception {
        return Integer.parseInt(sql("select count(*) from " + table + " where " + column + " like '%" + marker + "%'"));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
