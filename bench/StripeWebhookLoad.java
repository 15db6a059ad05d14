import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The event maker and duplicate client of bench/payments.sh, run as a single-file program (no dependencies):
 *   sign SECRET COUNT FILE                  — writes COUNT distinct one-off-payment events
 *                                             (checkout.session.completed), one per line as "signature TAB payload",
 *                                             signed now, for wrk (bench/payments-post.lua) to deliver
 *   duplicates URL SECRET ROUNDS CONCURRENT — per round, CONCURRENT deliveries of one event at the same moment;
 *                                             prints "deliveries=<n> firsts=<n> duplicates=<n> errors=<n>"
 *                                             (firsts must equal ROUNDS: one delivery per event is the new one)
 * Every payload is signed as Stripe signs it: t=<now>,v1=HMAC-SHA256(secret, t + "." + body).
 */
public class StripeWebhookLoad {

    public static void main(String[] args) throws Exception {
        if ("sign".equals(args[0])) {
            try (var out = java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(args[3]))) {
                for (int i = Integer.parseInt(args[2]); i > 0; i--) {
                    String payload = payload(UUID.randomUUID().toString());
                    out.write(signature(args[1], payload) + "\t" + payload + "\n");
                }
            }
            return;
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        int concurrent = Integer.parseInt(args[4]);
        ExecutorService pool = Executors.newFixedThreadPool(concurrent);
        try {
            duplicates(client, pool, URI.create(args[1]), args[2], Integer.parseInt(args[3]), concurrent);
        } finally {
            pool.shutdownNow();
        }
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

    private static HttpRequest request(URI url, String secret, String payload) throws Exception {
        return HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .header("Stripe-Signature", signature(secret, payload)).POST(HttpRequest.BodyPublishers.ofString(payload))
                .build();
    }

    private static String signature(String secret, String payload) throws Exception {
        long t = System.currentTimeMillis() / 1000;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
    }
}
