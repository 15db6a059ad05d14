import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The load client of bench/payments.sh, run as a single-file program (no dependencies):
 *   URL SECRET SECONDS CONNECTIONS unique     — CONNECTIONS workers deliver distinct signed one-off-payment events
 *                                               (checkout.session.completed) back to back for SECONDS; prints
 *                                               "accepted=<n> rps=<r> p50=<ms> p99=<ms> errors=<n>"
 *   URL SECRET ROUNDS CONCURRENT duplicates   — per round, CONCURRENT deliveries of one event at the same moment;
 *                                               prints "deliveries=<n> firsts=<n> duplicates=<n> errors=<n>"
 *                                               (firsts must equal ROUNDS: one delivery per event is the new one)
 * Every payload is signed as Stripe signs it: t=<now>,v1=HMAC-SHA256(secret, t + "." + body).
 */
public class StripeWebhookLoad {

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String secret = args[1];
        int amount = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            if ("unique".equals(args[4])) {
                unique(client, pool, url, secret, amount, connections);
            } else {
                duplicates(client, pool, url, secret, amount, connections);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void unique(HttpClient client, ExecutorService pool, URI url, String secret, int seconds,
                               int connections) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong errors = new AtomicLong();
        List<Callable<long[]>> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            workers.add(() -> {
                long[] latencies = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end && n < latencies.length) {
                    long start = System.nanoTime();
                    int status = deliver(client, url, secret, payload(UUID.randomUUID().toString()));
                    latencies[n++] = System.nanoTime() - start;
                    if (status != 200) {
                        errors.incrementAndGet();
                    }
                }
                return Arrays.copyOf(latencies, n);
            });
        }
        long started = System.nanoTime();
        List<long[]> results = new ArrayList<>();
        for (Future<long[]> result : pool.invokeAll(workers)) {
            results.add(result.get());
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] all = results.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("accepted=%d rps=%.0f p50=%.1f p99=%.1f errors=%d%n", all.length, all.length / elapsed,
                all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6, errors.get());
    }

    private static void duplicates(HttpClient client, ExecutorService pool, URI url, String secret, int rounds,
                                   int concurrent) throws Exception {
        long deliveries = 0, firsts = 0, duplicates = 0, errors = 0;
        for (int round = 0; round < rounds; round++) {
            String payload = payload(UUID.randomUUID().toString());
            List<Callable<String>> same = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                same.add(() -> {
                    HttpResponse<String> answer = client.send(request(url, secret, payload),
                            HttpResponse.BodyHandlers.ofString());
                    return answer.statusCode() != 200 ? "error" : answer.body().contains("\"duplicate\":true") ? "dup" : "first";
                });
            }
            for (Future<String> answer : pool.invokeAll(same)) {
                deliveries++;
                switch (answer.get()) {
                    case "first" -> firsts++;
                    case "dup" -> duplicates++;
                    default -> errors++;
                }
            }
        }
        System.out.printf("deliveries=%d firsts=%d duplicates=%d errors=%d%n", deliveries, firsts, duplicates, errors);
    }

    /** A one-off payment's checkout.session.completed for a new user: each is one ledger row when processed. */
    private static String payload(String user) {
        String id = user.replace("-", "");
        return """
                {"id":"evt_bench_%s","object":"event","api_version":"2026-07-29","created":%d,"livemode":false,\
                "type":"checkout.session.completed","data":{"object":{"id":"cs_bench_%s","object":"checkout.session",\
                "customer":"cus_bench_%s","client_reference_id":"%s","mode":"payment","payment_status":"paid",\
                "amount_total":500,"currency":"eur","payment_intent":"pi_bench_%s","metadata":{"xaos_user_id":"%s"}}}}"""
                .formatted(id, System.currentTimeMillis() / 1000, id, id, user, id, user);
    }

    private static int deliver(HttpClient client, URI url, String secret, String payload) {
        try {
            return client.send(request(url, secret, payload), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static HttpRequest request(URI url, String secret, String payload) throws Exception {
        long t = System.currentTimeMillis() / 1000;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "t=" + t + ",v1=" + HexFormat.of().formatHex(
                mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
        return HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .header("Stripe-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(payload)).build();
    }
}
