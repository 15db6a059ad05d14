import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Token endpoint and sign-in throughput of account-service, from outside, over HTTP: client_credentials grants,
 * refresh_token grants (each worker rotating its own token family) and password sign-ins (sign-in page plus form
 * post, as a browser does). Run by bench/account-tokens.sh; single-file Java, no dependencies.
 *
 * <p>Arguments: base URL, seconds per phase, concurrent workers.
 */
public class AccountTokens {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    static final String REDIRECT = "http://localhost:8080/me/oauth2/code/account";

    static String base;
    static int seconds;
    static int workers;

    public static void main(String[] args) throws Exception {
        base = args.length > 0 ? args[0] : "http://127.0.0.1:8081";
        seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        workers = args.length > 2 ? Integer.parseInt(args[2]) : 8;

        String email = "bench-" + System.nanoTime() + "@example.test";
        String password = "bench passphrase " + System.nanoTime();
        createVerifiedUser(email, password);

        double cc = phase("client_credentials", () -> {
            HttpResponse<String> r = post(client(), "/oauth2/token", "grant_type=client_credentials&scope=internal",
                    basic("svc-blog", "dev-only-blog-secret"));
            return r.statusCode() == 200;
        });
        double logins = phase("password sign-in", () -> signIn(browser(), email, password));
        List<String[]> families = new ArrayList<>();
        // One token family per thread (the warm-up's thread included): two threads rotating one family would
        // replay each other's used refresh tokens, which the server rightly treats as theft.
        for (int i = 0; i <= workers; i++) {
            families.add(new String[] {authorizationCodeFlow(email, password)});
        }
        AtomicLong worker = new AtomicLong();
        ThreadLocal<String[]> family = ThreadLocal.withInitial(() -> families.get((int) worker.getAndIncrement()));
        double refresh = phase("refresh_token", () -> {
            String[] mine = family.get();
            HttpResponse<String> r = post(client(), "/oauth2/token", "grant_type=refresh_token&refresh_token="
                    + URLEncoder.encode(mine[0], StandardCharsets.UTF_8), basic("webfront", "dev-only-webfront-secret"));
            if (r.statusCode() != 200) {
                return false;
            }
            mine[0] = field(r.body(), "refresh_token");
            return true;
        });

        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "RESULT client_credentials_per_s=%.1f refresh_per_s=%.1f logins_per_s=%.1f cores=%d%n",
                cc, refresh, logins, cores);
        System.out.printf(Locale.ROOT, "RATIO vs Keycloak sizing (120 cc/s and 15 logins/s per vCPU): cc=%.2f logins=%.2f%n",
                cc / (120.0 * cores), logins / (15.0 * cores));
    }

    interface Step {
        boolean run() throws Exception;
    }

    static double phase(String name, Step step) throws Exception {
        warm(step);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> running = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < workers; i++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    try {
                        (step.run() ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - started) / 1e9;
        double rate = ok.get() / elapsed;
        System.out.printf(Locale.ROOT, "%-20s %8.1f /s  (%d ok, %d failed, %d workers, %.1f s)%n", name, rate, ok.get(),
                failed.get(), workers, elapsed);
        return rate;
    }

    static void warm(Step step) throws Exception {
        for (int i = 0; i < 20; i++) {
            step.run();
        }
    }

    static void createVerifiedUser(String email, String password) throws Exception {
        HttpClient http = client();
        HttpResponse<String> registered = post(http, "/api/v1/account/registrations", "{\"email\":\"" + email
                + "\",\"displayName\":\"Bench\",\"password\":\"" + password + "\"}", null, "application/json");
        check(registered.statusCode() == 202, "registration: " + registered.body());
        String service = field(post(http, "/oauth2/token", "grant_type=client_credentials&scope=internal",
                basic("svc-webfront", "dev-only-webfront-service-secret")).body(), "access_token");
        String mail = http.send(HttpRequest.newBuilder(URI.create(base + "/internal/dev/mailbox?to="
                + URLEncoder.encode(email, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + service).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(mail);
        check(token.find(), "no verification mail: " + mail);
        check(post(http, "/api/v1/account/email-verifications", "{\"token\":\"" + token.group(1) + "\"}", null,
                "application/json").statusCode() == 204, "verification failed");
    }

    static boolean signIn(HttpClient browser, String email, String password) throws Exception {
        String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(page);
        if (!csrf.find()) {
            return false;
        }
        HttpResponse<String> r = post(browser, "/login", "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1), null);
        return r.headers().firstValue("Location").map(l -> !l.contains("error")).orElse(false);
    }

    /** Signs in and completes authorization code + PKCE for webfront; answers the refresh token. */
    static String authorizationCodeFlow(String email, String password) throws Exception {
        HttpClient browser = browser();
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = base + "/oauth2/authorize?response_type=code&client_id=webfront&scope=openid"
                + "&state=s&code_challenge_method=S256&code_challenge=" + challenge + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);
        browser.send(HttpRequest.newBuilder(URI.create(authorize)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.discarding());
        check(signIn(browser, email, password), "sign-in failed");
        HttpResponse<Void> resumed = browser.send(HttpRequest.newBuilder(URI.create(authorize)).header("Accept", "text/html")
                .build(), HttpResponse.BodyHandlers.discarding());
        String location = resumed.headers().firstValue("Location").orElseThrow();
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        check(code.find(), "no code in " + location);
        HttpResponse<String> tokens = post(client(), "/oauth2/token", "grant_type=authorization_code&code=" + code.group(1)
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&code_verifier=" + verifier,
                basic("webfront", "dev-only-webfront-secret"));
        check(tokens.statusCode() == 200, "token exchange: " + tokens.body());
        return field(tokens.body(), "refresh_token");
    }

    static final HttpClient SHARED = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static HttpClient client() {
        return SHARED;
    }

    static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpResponse<String> post(HttpClient http, String path, String body, String authorization) throws Exception {
        return post(http, path, body, authorization, "application/x-www-form-urlencoded");
    }

    static HttpResponse<String> post(HttpClient http, String path, String body, String authorization, String type)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", type)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        check(m.find(), "no " + name + " in " + json);
        return m.group(1);
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
