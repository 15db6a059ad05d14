package io.xaostech.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.common.service.XaosService;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Starts the whole platform the way a developer does, with {@code ./xaostech up}, on ports of its own, checks
 * every service is ready on its port and through the gateway, and that {@code ./xaostech down} leaves nothing
 * running. Uses its own database, Redis database and var directory, so it never meets a running dev platform.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherSmokeIT {

    private static final int OFFSET = 20000;
    private static final Path ROOT = Path.of(System.getProperty("xaos.root", "..")).toAbsolutePath().normalize();
    private static final Path VAR = Path.of(System.getProperty("xaos.smoke.var", "target/smoke-var")).toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    record Run(int exitCode, String output) {
    }

    @Test
    @Order(1)
    void upStartsEveryServiceAndWaitsUntilReady() throws Exception {
        Run up = launcher("up");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("All ready in");
        for (XaosService service : XaosService.values()) {
            HttpResponse<String> readiness = get(port(service), "/actuator/health/readiness");
            assertThat(readiness.statusCode()).as(service.moduleName()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"status\":\"UP\"");
        }
        assertThat(get(9000 + OFFSET, "/").statusCode()).as("S3Proxy answers").isBetween(200, 499);
    }

    @Test
    @Order(2)
    void everyServiceIsReadyThroughTheGateway() throws Exception {
        assertThat(get(port(XaosService.GATEWAY), "/actuator/health").body()).contains("\"status\":\"UP\"");
        for (XaosService service : XaosService.values()) {
            if (service == XaosService.GATEWAY) {
                continue;
            }
            HttpResponse<String> readiness = get(port(XaosService.GATEWAY),
                    "/health/" + service.moduleName() + "/readiness");
            assertThat(readiness.statusCode()).as(service.moduleName()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"status\":\"UP\"");
        }
    }

    @Test
    @Order(3)
    void identityWorksThroughTheGatewayUnderAuth() throws Exception {
        int gateway = port(XaosService.GATEWAY);
        String issuer = "http://localhost:" + gateway + "/auth";

        HttpResponse<String> discovery = get(gateway, "/auth/.well-known/openid-configuration");
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("\"issuer\":\"" + issuer + "\"")
                .contains("\"token_endpoint\":\"" + issuer + "/oauth2/token\"");

        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway
                        + "/auth/oauth2/token"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "svc-blog:dev-only-blog-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=internal")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(token.body()).contains("access_token");

        HttpResponse<String> authorize = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway
                        + "/auth/oauth2/authorize?response_type=code&client_id=cli&scope=openid&state=s"
                        + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8400%2Fcallback&code_challenge_method=S256"
                        + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(authorize.headers().firstValue("Location")).as("sign-in stays behind the gateway's /auth")
                .hasValue("/auth/login");
        assertThat(get(gateway, "/auth/login").body()).contains("Sign in to XAOSTECH");
    }

    @Test
    @Order(4)
    void upAgainIsANoOpAndStatusShowsAllUp() throws Exception {
        List<String> pidsBefore = recordedPids();

        Run again = launcher("up");
        Run status = launcher("status");

        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).contains("Everything is already up.");
        assertThat(recordedPids()).isEqualTo(pidsBefore);
        for (XaosService service : XaosService.values()) {
            assertThat(status.output()).containsPattern(service.moduleName() + "\\s+up\\s+\\d+\\s+" + port(service));
        }
    }

    @Test
    @Order(5)
    void downLeavesNoProcessBehind() throws Exception {
        List<String> pids = recordedPids();
        assertThat(pids).hasSize(XaosService.values().length + 1);

        Run down = launcher("down");

        assertThat(down.exitCode()).as(down.output()).isZero();
        for (String pid : pids) {
            assertThat(Files.exists(Path.of("/proc", pid))).as("process %s is gone", pid).isFalse();
        }
        assertThat(processesMentioning(VAR.toString())).isEmpty();
        assertThat(recordedPids()).isEmpty();
    }

    @AfterAll
    static void stopWhateverIsLeft() throws Exception {
        launcher("down");
    }

    private static int port(XaosService service) {
        return service.defaultPort() + OFFSET;
    }

    private static Run launcher(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("xaostech").toString(), command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("XAOS_PORT_OFFSET", String.valueOf(OFFSET));
        env.put("XAOS_VAR_DIR", VAR.toString());
        env.put("XAOS_DB_NAME", "xaos_smoke");
        env.put("XAOS_REDIS_URL", "redis://127.0.0.1:6379/2");
        // Fat-jar start: training nine AOT caches would cost CI minutes; bench/startup.sh measures the AOT path.
        env.put("XAOS_AOT", "0");
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

    private static List<String> recordedPids() throws IOException {
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

    private static List<String> processesMentioning(String text) throws IOException {
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

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
