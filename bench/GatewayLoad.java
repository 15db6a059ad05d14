import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Helpers of bench/gateway.sh, run as a single-file program (no dependencies):
 *   keys DIR ISSUER          writes DIR/jwks.json and DIR/token.txt (an RS256 access token valid for 2 hours)
 *   rate URL RPS SECONDS [TOKEN]
 *                            an open-model load: requests start on a fixed schedule whatever the answers do, and
 *                            latency counts from the scheduled start, so a stall is not hidden (no coordinated
 *                            omission). Prints achieved rate, errors and latency percentiles in ms.
 */
public class GatewayLoad {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "keys" -> keys(Path.of(args[1]), args[2]);
            case "rate" -> rate(URI.create(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 ? args[4] : null);
            default -> throw new IllegalArgumentException("keys or rate");
        }
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    static void keys(Path dir, String issuer) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        String kid = UUID.randomUUID().toString();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + B64.encodeToString(unsigned(publicKey.getModulus().toByteArray())) + "\",\"e\":\""
                + B64.encodeToString(unsigned(publicKey.getPublicExponent().toByteArray())) + "\"}]}";
        long now = System.currentTimeMillis() / 1000;
        String header = B64.encodeToString(("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        String claims = B64.encodeToString(("{\"iss\":\"" + issuer + "\",\"sub\":\"" + UUID.randomUUID()
                + "\",\"aud\":[\"api\"],\"roles\":[\"USER\"],\"scope\":\"openid\",\"iat\":" + now + ",\"exp\":" + (now + 7200)
                + "}").getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(pair.getPrivate());
        signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        Files.writeString(dir.resolve("jwks.json"), jwks);
        Files.writeString(dir.resolve("token.txt"), header + "." + claims + "." + B64.encodeToString(signer.sign()));
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    static void rate(URI url, int rps, int seconds, String token) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2)).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();
        int total = rps * seconds;
        long[] latencies = new long[total];
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long intervalNanos = 1_000_000_000L / rps;
        long start = System.nanoTime() + 50_000_000L;
        AtomicInteger next = new AtomicInteger();
        ticker.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            // Start every request whose scheduled time has come (catching up after a pause of this thread).
            while (true) {
                int i = next.get();
                if (i >= total || start + i * intervalNanos > now) {
                    return;
                }
                if (!next.compareAndSet(i, i + 1)) {
                    continue;
                }
                long scheduled = start + i * intervalNanos;
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                    latencies[i] = System.nanoTime() - scheduled;
                    if (failure != null || response.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                    done.countDown();
                });
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        boolean finished = done.await(seconds + 30L, TimeUnit.SECONDS);
        ticker.shutdownNow();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        System.out.printf("rate=%d/s sent=%d in %.1fs errors=%d%s p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f%n",
                rps, total, elapsed, errors.get(), finished ? "" : " (unfinished)", ms(sorted, 0.50), ms(sorted, 0.90),
                ms(sorted, 0.99), ms(sorted, 0.999), sorted[sorted.length - 1] / 1e6);
        System.exit(0);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
