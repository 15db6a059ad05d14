package io.xaostech.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.common.service.XaosService;
import io.xaostech.platform.test.FakeStripe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The platform these tests run against, started with {@code ./xaostech up} on ports of its own (its own database,
 * Redis server and var directory, so it never meets a running dev platform), and what they use to reach it.
 * The Redis server is the tests' own (started here on a port of the offset, without persistence) so that
 * {@link FaultDrillsIT} can kill and restart it as production loses a Redis node.
 * The test classes run in order ({@code junit-platform.properties}): {@link LauncherSmokeIT} starts it,
 * {@link SecuritySweepIT}, {@link BrowserJourneysIT} and {@link FaultDrillsIT} use it, {@link LauncherShutdownIT}
 * stops it; whatever is left running when the test JVM ends is stopped then.
 */
final class Platform {

    static final int OFFSET = 20000;
    /** The platform's own database and Redis database, apart from a developer's running platform. */
    static final String DB_NAME = "xaos_smoke";
    /** The tests' own Redis server (6380 + offset: not 26379, Redis Sentinel's usual port). */
    static final int REDIS_PORT = 6380 + OFFSET;
    static final Path ROOT = Path.of(System.getProperty("xaos.root", "..")).toAbsolutePath().normalize();
    static final Path VAR = Path.of(System.getProperty("xaos.smoke.var", "target/smoke-var")).toAbsolutePath();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    /** account creates this administrator at start (see the launcher's environment below). */
    static final String ADMIN_EMAIL = "smoke-admin@example.test";
    static final String ADMIN_PASSWORD = "a long smoke-admin passphrase";
    static final String WEBHOOK_SECRET = "whsec_smoke";
    static final String ONE_PIXEL_PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    record Run(int exitCode, String output) {
    }


    private Platform() {
    }

    static {
        startFromEmptyStores();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                launcher("down");
                run(List.of("redis-cli", "-p", String.valueOf(REDIS_PORT), "shutdown", "nosave"));
            } catch (IOException | IllegalStateException e) {
                System.err.println("./xaostech down failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }

    /**
     * Unless a platform of these tests is still running, its database and Redis database are emptied first, so a run
     * never meets what an earlier one left (registrations count against account's sign-up limits, for one).
     */
    private static void startFromEmptyStores() {
        try {
            if (recordedPids().stream().anyMatch(pid -> Files.exists(Path.of("/proc", pid)))) {
                startRedis();
                return;
            }
            run(List.of("psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", "drop database if exists " + DB_NAME));
            // A server an earlier, killed run left behind is not trusted: a fresh one, started here, every run.
            run(List.of("redis-cli", "-p", String.valueOf(REDIS_PORT), "shutdown", "nosave"), false);
            startRedis();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts the tests' own Redis server unless it is running; answers once it answers PING. */
    static void startRedis() throws IOException {
        if (!run(List.of("redis-cli", "-p", String.valueOf(REDIS_PORT), "ping"), false).contains("PONG")) {
            Files.createDirectories(VAR.resolve("log"));
            run(List.of("redis-server", "--port", String.valueOf(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--daemonize", "yes", "--dir", VAR.toString(),
                    "--logfile", VAR.resolve("log/redis.log").toString()));
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!run(List.of("redis-cli", "-p", String.valueOf(REDIS_PORT), "ping"), false).contains("PONG")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis did not start on port " + REDIS_PORT);
            }
            sleep(100);
        }
    }

    /** Kills the tests' Redis server at once (SIGKILL: nothing saved, as when a node is lost). */
    static void killRedis() throws IOException {
        String pid = run(List.of("redis-cli", "-p", String.valueOf(REDIS_PORT), "info", "server")).lines()
                .filter(l -> l.startsWith("process_id:")).map(l -> l.substring("process_id:".length()).trim())
                .findFirst().orElseThrow(() -> new IllegalStateException("Redis did not say its process id"));
        run(List.of("kill", "-9", pid));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (run(List.of("redis-cli", "-p", String.valueOf(REDIS_PORT), "ping"), false).contains("PONG")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis still answers after kill -9");
            }
            sleep(100);
        }
    }

    /** Runs a command to its end (at most a minute); its output; fails unless it succeeded. */
    static String run(List<String> command) throws IOException {
        return run(command, true);
    }

    private static String run(List<String> command, boolean mustSucceed) throws IOException {
        Path log = Files.createTempFile("xaos-run", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String output = Files.readString(log);
        Files.delete(log);
        if (mustSucceed && process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** One value from the tests' database (psql, unaligned). */
    static String sql(String query) throws IOException {
        return run(List.of("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", DB_NAME, "-qtAc", query)).trim();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the platform unless it is up already (a test class run on its own). */
    static void up() throws IOException, InterruptedException {
        Run up = launcher("up");
        assertThat(up.exitCode()).as(up.output()).isZero();
    }

    /** The site's origin as a browser uses it (account's registered redirect and issuer say localhost). */
    static String site() {
        return "http://localhost:" + port(XaosService.GATEWAY);
    }

    /** Registers a new user, verifies the address from the mailbox and signs in: answers the access token. */
    static String newUser(String base, String name) throws Exception {
        String email = register(base, name);
        return signInWithPkce(base, email, passwordOf(name));
    }

    /** Registers a new user and verifies the address from the mailbox: answers the email (password: passwordOf). */
    static String register(String base, String name) throws Exception {
        String email = name.toLowerCase(java.util.Locale.ROOT) + "-" + System.nanoTime() + "@example.test";
        sendPatiently(json(base + "/api/v1/account/registrations", null, "{\"email\":\"" + email
                + "\",\"displayName\":\"" + name + "\",\"password\":\"" + passwordOf(name) + "\"}"));
        sendPatiently(json(base + "/api/v1/account/email-verifications", null, "{\"token\":\"" + verificationToken(email) + "\"}"));
        return email;
    }

    static String passwordOf(String name) {
        return "a long " + name + " passphrase";
    }

    /** Uses a refresh token of {@code client}: answers the new token response (JSON; the refresh token rotates). */
    static String refresh(String base, String refreshToken, OAuthClient client) throws Exception {
        HttpResponse<String> tokens = sendPatiently(client.tokenRequest(base, "grant_type=refresh_token&refresh_token="
                + java.net.URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return tokens.body();
    }

    /** Reads the verification mail from account's development mailbox (an internal endpoint, so not via the gateway). */
    static String verificationToken(String email) throws Exception {
        HttpResponse<String> token = sendPatiently(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + port(XaosService.GATEWAY) + "/auth/oauth2/token"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "svc-chat:dev-only-chat-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=internal")));
        String serviceToken = field(token.body(), "access_token");
        HttpResponse<String> mailbox = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(XaosService.ACCOUNT)
                + "/internal/dev/mailbox?to=" + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + serviceToken));
        return java.util.regex.Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(mailbox.body()).results()
                .findFirst().orElseThrow(() -> new AssertionError(mailbox.body())).group(1);
    }

    /** Authorization code + PKCE for the public cli client, signing in on the form behind the gateway. */
    static String signInWithPkce(String base, String email, String password) throws Exception {
        return field(signInWithPkce(base, email, password, "openid", OAuthClient.CLI), "access_token");
    }

    /** An OAuth client of account: the public cli client, or one an administrator registered (with a secret). */
    record OAuthClient(String id, String secret, String redirectUri) {
        static final OAuthClient CLI = new OAuthClient("cli", null, "http://127.0.0.1:8400/callback");

        /** The token request, authenticated as the client (Basic) or naming it (public). */
        HttpRequest.Builder tokenRequest(String base, String form) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/auth/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded");
            if (secret == null) {
                return request.POST(HttpRequest.BodyPublishers.ofString(form + "&client_id=" + id));
            }
            return request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (id + ":" + secret).getBytes(StandardCharsets.UTF_8))).POST(HttpRequest.BodyPublishers.ofString(form));
        }
    }

    /** A confidential client registered by the administrator, asking no consent: a REST client's own app. */
    static OAuthClient registeredClient(String base, String adminToken) throws Exception {
        String redirect = "http://127.0.0.1:8401/callback";
        HttpResponse<String> registered = sendPatiently(json(base + "/api/v1/account/admin/clients", adminToken,
                "{\"name\":\"Smoke REST client\",\"type\":\"CONFIDENTIAL\",\"redirectUris\":[\"" + redirect
                        + "\"],\"scopes\":[\"openid\",\"profile\",\"offline_access\"],\"requireConsent\":false}"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return new OAuthClient(field(registered.body(), "clientId"), field(registered.body(), "clientSecret"), redirect);
    }

    /** Authorization code + PKCE for {@code client} with these scopes: answers the token response (JSON). */
    static String signInWithPkce(String base, String email, String password, String scope, OAuthClient client)
            throws Exception {
        HttpResponse<String> tokens = exchange(base, client, authorizationCode(base, email, password, scope, client));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return tokens.body();
    }

    private static final String VERIFIER = "smoke-verifier-" + "v".repeat(40);

    /** The token endpoint's answer to an authorization code of {@code client} (PKCE verifier included). */
    static HttpResponse<String> exchange(String base, OAuthClient client, String code) throws Exception {
        return sendPatiently(client.tokenRequest(base, "grant_type=authorization_code&code="
                + java.net.URLEncoder.encode(code, StandardCharsets.UTF_8) + "&redirect_uri="
                + java.net.URLEncoder.encode(client.redirectUri(), StandardCharsets.UTF_8) + "&code_verifier=" + VERIFIER));
    }

    /** Signs in on account's form as a browser does and answers the authorization code the redirect carries. */
    static String authorizationCode(String base, String email, String password, String scope, OAuthClient client)
            throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(3)).build();
        String challenge = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(VERIFIER.getBytes(StandardCharsets.US_ASCII)));
        String callback = client.redirectUri();
        String authorize = base + "/auth/oauth2/authorize?response_type=code&client_id=" + client.id() + "&state=s&scope="
                + java.net.URLEncoder.encode(scope, StandardCharsets.UTF_8)
                + "&redirect_uri=" + java.net.URLEncoder.encode(callback, StandardCharsets.UTF_8)
                + "&code_challenge_method=S256&code_challenge=" + challenge;
        HttpResponse<String> toLogin = patiently(browser, HttpRequest.newBuilder(URI.create(authorize))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "text/html").build());
        assertThat(toLogin.headers().firstValue("Location")).hasValue("/auth/login");
        String form = patiently(browser, HttpRequest.newBuilder(URI.create(base + "/auth/login"))
                .timeout(Duration.ofSeconds(10)).build()).body();
        String csrf = formToken(form);
        HttpResponse<String> signedIn = patiently(browser, HttpRequest.newBuilder(URI.create(base + "/auth/login"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8)
                        + "&password=" + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf))
                .build());
        String resume = signedIn.headers().firstValue("Location").orElseThrow();
        assertThat(resume).contains("/auth/oauth2/authorize");
        HttpResponse<String> authorized = patiently(browser, HttpRequest.newBuilder(URI.create(base).resolve(resume))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "text/html").build());
        String redirect = authorized.headers().firstValue("Location").orElseThrow();
        assertThat(redirect).startsWith(callback);
        return java.net.URLDecoder.decode(java.util.regex.Pattern.compile("[?&]code=([^&]+)").matcher(redirect)
                .results().findFirst().orElseThrow().group(1), StandardCharsets.UTF_8);
    }

    /** Waits until the privacy request is completed; its last state. */
    static String awaitCompleted(String base, String request, String token, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            seen = send(authorized(base + "/api/v1/data/privacy-requests/" + request, token)).body();
            if (seen.contains("\"status\":\"COMPLETED\"")) {
                return seen;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("privacy request not completed within " + within + ": " + seen);
    }

    static HttpRequest.Builder authorized(String url, String bearer) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer);
    }

    static HttpRequest.Builder json(String url, String bearer, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends as a polite client does: a 429 is waited out (its Retry-After, at most 5 s a time, a minute in all) and
     * the request sent again. For the sign-up and sign-in steps, whose limit per client address every test shares.
     */
    static HttpResponse<String> sendPatiently(HttpRequest.Builder request) throws IOException, InterruptedException {
        return patiently(HTTP, request.timeout(Duration.ofSeconds(10)).build());
    }

    static HttpResponse<String> patiently(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long seconds = response.headers().firstValue("Retry-After").filter(v -> v.matches("\\d{1,6}"))
                    .map(Long::parseLong).orElse(1L);
            // A long wait (an hourly limit spent) is not waited out: the caller sees the 429.
            if (response.statusCode() != 429 || seconds > 5 || System.nanoTime() > deadline) {
                return response;
            }
            Thread.sleep(Math.max(1, seconds) * 1000);
        }
    }

    static String field(String json, String name) {
        return java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json).results()
                .findFirst().orElseThrow(() -> new AssertionError(json)).group(1);
    }


    /** The {@code sub} of an access token. */
    static String subject(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        return field(payload, "sub");
    }


    /** Follows redirects as a browser does (relative ones against the current address), up to ten. */
    static HttpResponse<String> follow(HttpClient browser, URI start) throws Exception {
        URI next = start;
        for (int hop = 0; hop < 10; hop++) {
            HttpResponse<String> response = browser.send(HttpRequest.newBuilder(next).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
            java.util.Optional<String> location = response.headers().firstValue("Location");
            if (response.statusCode() / 100 != 3 || location.isEmpty()) {
                return response;
            }
            next = next.resolve(location.get());
        }
        throw new AssertionError("more than ten redirects from " + start);
    }

    static String formToken(String html) {
        return java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html).results()
                .findFirst().orElseThrow(() -> new AssertionError("no CSRF field in " + html)).group(1);
    }


    static int port(XaosService service) {
        return service.defaultPort() + OFFSET;
    }

    static Run launcher(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("xaostech").toString(), command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("XAOS_PORT_OFFSET", String.valueOf(OFFSET));
        env.put("XAOS_VAR_DIR", VAR.toString());
        env.put("XAOS_DB_NAME", DB_NAME);
        env.put("XAOS_REDIS_URL", "redis://127.0.0.1:" + REDIS_PORT + "/0");
        // Every test signs up and in from this one address: the gateway's sign-in policy keeps its per-second
        // burst (the sweep shows it) but not its hourly cap, and account's public forms (sign-up, verification;
        // 30 an address in 15 minutes) are not capped, or the whole suite would run into both.
        env.put("SPRING_APPLICATION_JSON", "{\"xaos\":{\"gateway\":{\"rate-limits\":{\"policies\":{\"sign-in\":"
                + "{\"plans\":{\"default\":[{\"name\":\"burst\",\"rate\":5,\"per\":\"1s\",\"burst\":20},"
                + "{\"name\":\"hourly\",\"rate\":100000,\"per\":\"1h\"}]}}}}},"
                + "\"account\":{\"users\":{\"public-forms-per-address\":100000}}}}");
        // Fat-jar start: training nine AOT caches would cost CI minutes; bench/startup.sh measures the AOT path.
        env.put("XAOS_AOT", "0");
        env.put("XAOS_ACCOUNT_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("XAOS_ACCOUNT_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // payments talks to a local stand-in of Stripe's API, and checks webhooks with this secret.
        env.put("XAOS_STRIPE_API_KEY", FakeStripe.API_KEY);
        env.put("XAOS_STRIPE_API_BASE", FakeStripe.get().url());
        env.put("XAOS_STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("./xaostech " + command + " did not finish");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println("./xaostech " + command + "\n" + text);
        return new Run(process.exitValue(), text);
    }

    static List<String> recordedPids() throws IOException {
        Path run = VAR.resolve("run");
        if (!Files.isDirectory(run)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(run)) {
            List<String> pids = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".pid")).sorted().toList()) {
                pids.add(Files.readString(f).trim());
            }
            return pids;
        }
    }

    static List<String> processesMentioning(String text) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (cmdline.contains(text) && !cmdline.contains("surefire") && !cmdline.contains("failsafe")) {
                        found.add(proc.getFileName() + ": " + cmdline);
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return found;
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
