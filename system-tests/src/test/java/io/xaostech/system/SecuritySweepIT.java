package io.xaostech.system;

import static io.xaostech.system.Platform.authorized;
import static io.xaostech.system.Platform.field;
import static io.xaostech.system.Platform.json;
import static io.xaostech.system.Platform.newUser;
import static io.xaostech.system.Platform.port;
import static io.xaostech.system.Platform.send;
import static io.xaostech.system.Platform.subject;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.xaostech.common.service.XaosService;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The platform from an attacker's side, through the gateway (lines of SECURITY-CHECKLIST.md in brackets): forged
 * and misdirected tokens, one user reaching for another's data, bad bodies, foreign redirects and plain PKCE in the
 * sign-in flow, and what the edge must not show. Every refusal is problem details, never a server error.
 */
@Order(2)
class SecuritySweepIT {

    private static final String BASE = "http://127.0.0.1:" + port(XaosService.GATEWAY);
    private static final List<String> USER_APIS = List.of("/api/v1/account/me", "/api/v1/chat/rooms",
            "/api/v1/payments/me/subscriptions", "/api/v1/blog/admin/posts", "/api/v1/data/users/%s/consents");

    /** Two users, made once: signing up and in is limited per client address at the gateway. */
    private static String alice;
    private static String bob;

    @BeforeAll
    static void platformIsUpWithTwoUsers() throws Exception {
        Platform.up();
        alice = newUser(BASE, "Alice");
        bob = newUser(BASE, "Bob");
    }

    @Test
    void forgedAndMisdirectedTokensAreRefusedByEveryApi() throws Exception {
        String user = alice;
        String id = subject(user);
        String claims = "{\"iss\":\"http://localhost:" + port(XaosService.GATEWAY) + "/auth\",\"sub\":\"" + id
                + "\",\"aud\":\"api\",\"roles\":[\"ADMIN\"],\"exp\":" + (Instant.now().getEpochSecond() + 300) + "}";
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims) + ".";
        String foreignKey = signedByAStranger("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"stranger\"}", claims);
        // Account's real published key: its kid, and its public key as an HMAC secret.
        String jwks = send(HttpRequest.newBuilder(URI.create(BASE + "/auth/oauth2/jwks"))).body();
        String kid = field(jwks, "kid");
        String hmac = hs256WithThePublicKey(jwks, kid, claims, false);
        String hmacPem = hs256WithThePublicKey(jwks, kid, claims, true);
        String service = field(send(HttpRequest.newBuilder(URI.create(BASE + "/auth/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "svc-blog:dev-only-blog-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=internal"))).body(),
                "access_token");
        try (KeyServer attacker = new KeyServer()) {
            String inToken = signedByAStranger("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"jwk\":" + attacker.publicJwk()
                    + "}", claims, attacker);
            String jku = signedByAStranger("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"jku\":\"" + attacker.url()
                    + "\"}", claims, attacker);
            String x5u = signedByAStranger("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"x5u\":\"" + attacker.url()
                    + "\"}", claims, attacker);
            for (String api : USER_APIS) {
                String path = api.formatted(id);
                assertThat(send(authorized(BASE + path, user)).statusCode()).as("the real token, " + path).isNotIn(401, 500);
                for (String[] forged : new String[][] {{"alg none [1]", unsigned}, {"unknown key [2]", foreignKey},
                        {"HS256 keyed with the public key [1]", hmac}, {"HS256 keyed with the public key's PEM [1]", hmacPem},
                        {"a key in the jwk header [2]", inToken},
                        {"a key set named by jku [2]", jku}, {"a certificate named by x5u [2]", x5u},
                        {"a service token, audience internal [3]", service}, {"garbage", "not.a.jwt"}}) {
                    HttpResponse<String> refused = send(authorized(BASE + path, forged[1]));
                    assertThat(refused.statusCode()).as(forged[0] + ", " + path).isEqualTo(401);
                    assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                            assertThat(type).startsWith("application/problem+json"));
                }
            }
            assertThat(attacker.requests()).as("keys named in a token are never fetched [2]").isZero();
        }
    }

    /** An attacker's RSA key and a server publishing it as a key set, counting who asks. */
    private static final class KeyServer implements AutoCloseable {

        private final KeyPair keys;
        private final HttpServer server;
        private final AtomicInteger requests = new AtomicInteger();

        KeyServer() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] set = ("{\"keys\":[" + publicJwk() + "]}").getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                exchange.sendResponseHeaders(200, set.length);
                exchange.getResponseBody().write(set);
                exchange.close();
            });
            server.start();
        }

        String publicJwk() {
            var rsa = (RSAPublicKey) keys.getPublic();
            return "{\"kty\":\"RSA\",\"n\":\"" + unsignedB64(rsa.getModulus()) + "\",\"e\":\""
                    + unsignedB64(rsa.getPublicExponent()) + "\"}";
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
        }

        int requests() {
            return requests.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static String unsignedB64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * HS256 whose secret is the published RSA public key, as confused verifiers accept: its X.509 (DER) bytes, or
     * the PEM text most libraries read keys from.
     */
    private static String hs256WithThePublicKey(String jwks, String kid, String claims, boolean pem) throws Exception {
        Base64.Decoder url = Base64.getUrlDecoder();
        var key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, url.decode(field(jwks, "n"))), new BigInteger(1, url.decode(field(jwks, "e")))));
        String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}") + "." + b64(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        byte[] secret = !pem ? key.getEncoded() : ("-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void oneUserCannotReachAnothersData() throws Exception {
        String aliceId = subject(alice);
        String room = field(send(json(BASE + "/api/v1/chat/rooms", alice, "{\"kind\":\"PRIVATE\",\"name\":\"Secret\"}"))
                .body(), "id");
        String key = field(send(json(BASE + "/api/v1/account/api-keys", alice,
                "{\"name\":\"mine\",\"scopes\":[\"read\"]}")).body(), "id");

        assertThat(send(authorized(BASE + "/api/v1/data/users/" + aliceId + "/consents", bob)).statusCode())
                .as("another's consents [20]").isEqualTo(403);
        assertThat(send(authorized(BASE + "/api/v1/data/users/" + aliceId + "/privacy-requests", bob)).statusCode())
                .as("another's privacy requests").isEqualTo(403);
        assertThat(send(json(BASE + "/api/v1/data/users/" + aliceId + "/privacy-requests", bob, "{\"kind\":\"ERASURE\"}"))
                .statusCode()).as("erasing another").isEqualTo(403);
        assertThat(send(authorized(BASE + "/api/v1/chat/rooms/" + room, bob)).statusCode()).as("a private room")
                .isEqualTo(404);
        assertThat(send(json(BASE + "/api/v1/chat/rooms/" + room + "/messages", bob, "{\"body\":\"hi\"}")).statusCode())
                .as("writing into it").isIn(403, 404);
        assertThat(send(authorized(BASE + "/api/v1/account/api-keys/" + key, bob).DELETE()).statusCode())
                .as("revoking another's key").isEqualTo(404);
        assertThat(send(authorized(BASE + "/api/v1/account/api-keys", alice)).body()).as("still there").contains(key);
        assertThat(send(json(BASE + "/api/v1/blog/admin/posts", bob, "{\"title\":\"x\",\"bodyMarkdown\":\"x\"}"))
                .statusCode()).as("an editor's API").isEqualTo(403);
    }

    @Test
    void badBodiesAndPathsGetProblemDetailsNeverServerErrors() throws Exception {
        String user = bob;
        HttpResponse<String> malformed = send(json(BASE + "/api/v1/chat/rooms", user, "{\"kind\":"));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        HttpResponse<String> oversized = send(json(BASE + "/api/v1/chat/rooms", user,
                "{\"kind\":\"PUBLIC\",\"name\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}"));
        assertThat(oversized.statusCode()).as("a 3 MB body").isEqualTo(413);
        for (String traversal : List.of("/api/v1/blog/media/..%2F..%2Fetc%2Fpasswd/original",
                "/api/v1/blog/media/%2e%2e/%2e%2e/etc/passwd", "/portfolio/projects/..%2F..%2Fapplication.yml",
                "/static/..%2F..%2Fapplication.yml", "/img/..%2Fapplication.yml")) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(BASE + traversal)));
            assertThat(answer.statusCode()).as(traversal).isBetween(400, 404);
            assertThat(answer.body()).as(traversal).doesNotContain("xaos:").doesNotContain("root:");
        }
    }

    @Test
    void theSignInFlowRefusesForeignRedirectsAndPlainPkce() throws Exception {
        String challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        for (String redirect : List.of("https://evil.example/callback", "http://127.0.0.1:8400/callback/../evil",
                "http://127.0.0.1:8400/callbackX")) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(BASE + "/auth/oauth2/authorize"
                    + "?response_type=code&client_id=cli&scope=openid&state=s&code_challenge_method=S256&code_challenge="
                    + challenge + "&redirect_uri=" + java.net.URLEncoder.encode(redirect, StandardCharsets.UTF_8))));
            assertThat(answer.statusCode()).as("redirect URIs match exactly [5]: " + redirect).isEqualTo(400);
            assertThat(answer.headers().firstValue("Location")).isEmpty();
        }
        HttpResponse<String> plain = send(HttpRequest.newBuilder(URI.create(BASE + "/auth/oauth2/authorize"
                + "?response_type=code&client_id=cli&scope=openid&state=s&code_challenge_method=plain&code_challenge="
                + challenge + "&redirect_uri=" + java.net.URLEncoder.encode("http://127.0.0.1:8400/callback",
                StandardCharsets.UTF_8))));
        assertThat(plain.headers().firstValue("Location").orElse("")).as("plain PKCE refused [6]")
                .doesNotContain("code=").contains("error=");
        HttpResponse<String> password = send(HttpRequest.newBuilder(URI.create(BASE + "/auth/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=cli&username=a&password=b")));
        assertThat(password.statusCode()).as("no password grant [5]").isIn(400, 401);
        assertThat(password.body()).doesNotContain("access_token");
    }

    @Test
    void theEdgeShowsNoActuatorAndReflectsNoForeignOrigin() throws Exception {
        for (String path : List.of("/actuator", "/actuator/env", "/actuator/health", "/api/v1/blog/actuator/env",
                "/v3/api-docs", "/auth/actuator/prometheus", "/auth/actuator/health", "/auth/internal/dev/mailbox",
                "/auth;x/actuator/prometheus", "/auth;x/internal/dev/mailbox")) {
            assertThat(send(HttpRequest.newBuilder(URI.create(BASE + path))).statusCode()).as(path + " [22]").isEqualTo(404);
        }
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(BASE + "/api/v1/blog/posts"))
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as("CORS never reflects [12]")
                .isEmpty();
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(BASE + "/")).header("Accept", "text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).as("[14]")
                .contains("object-src 'none'").contains("frame-ancestors 'none'").doesNotContain("'unsafe-inline'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    /**
     * Every route of the table ({@link RouteTable}), through the gateway: as a stranger (no credentials), and where
     * a role or ownership decides, as a signed-in user who has neither (Bob, on Carol's real objects where the
     * table's OWNER routes name one, on her user id, else on fresh ids); Carol's objects are intact afterwards.
     * Strangers get 401 from every API that needs a caller, users 403 from admin APIs, 403/404 for another's
     * things; webhooks without a signature 400; internal routes nothing; pages no server error, and no state
     * change without a form token. Every API refusal is problem details. All mismatches are listed at once.
     */
    @Test
    void everyRouteAnswersStrangersWrongRolesAndOtherUsersAsItsAccessSays() throws Exception {
        // The owner of the objects Bob probes is the walk's own, so a hole cannot spoil the other tests' users.
        String carol = newUser(BASE, "Carol");
        String carolId = subject(carol);
        Map<String, String> carols = objectsOf(carol, carolId);
        List<String> wrong = new java.util.ArrayList<>();
        int checked = 0;
        for (RouteTable route : RouteTable.rows()) {
            if (!route.routed()) {
                continue;
            }
            String path = route.path(carolId, carols);
            HttpResponse<String> anonymous = call(route, path, null);
            expect(wrong, route, "stranger", anonymous, switch (route.access()) {
                case USER, SELF, OWNER, ADMIN -> List.of(401);
                case APIKEY -> List.of(403);
                case SERVICE -> List.of(401, 404);
                case WEBHOOK -> List.of(400);
                case PUBLIC, PAGE -> List.of();
            });
            checked++;
            List<Integer> asBob = switch (route.access()) {
                case ADMIN -> List.of(403);
                case SELF, OWNER -> List.of(403, 404);
                // The token endpoints' own checks refuse a request without client credentials as invalid.
                case SERVICE -> List.of(400, 401, 403, 404);
                default -> null;
            };
            if (asBob != null) {
                expect(wrong, route, "Bob", call(route, path, bob), asBob);
            }
        }
        assertThat(checked).as("routes called").isGreaterThan(150);
        assertThat(wrong).as("routes answering otherwise than their access says").isEmpty();
        String room = carols.get("/api/v1/chat/rooms/{id}");
        assertThat(send(authorized(BASE + "/api/v1/chat/rooms/" + room + "/messages", carol)).body())
                .as("Carol's room and message after Bob's calls [20]").contains("mine alone");
        assertThat(send(authorized(BASE + "/api/v1/account/api-keys", carol)).body()).as("her API key, not revoked")
                .contains(carols.get("/api/v1/account/api-keys/{id}"));
        assertThat(send(authorized(BASE + "/api/v1/account/me/sessions", carol)).body()).as("her sign-in session")
                .contains(carols.get("/api/v1/account/me/sessions/{sid}"));
        assertThat(Platform.sql("select status || ' ' || body_markdown from blog.comments where id = '"
                + carols.get("/api/v1/blog/comments/{id}") + "'")).as("her comment").isEqualTo("PENDING Carols words");
        assertThat(send(authorized(BASE + "/api/v1/data/privacy-requests/" + carols.get("/api/v1/data/privacy-requests/{id}"),
                carol)).statusCode()).as("her privacy request").isEqualTo(200);
    }

    /**
     * Real objects of the owner's for the OWNER routes, so Bob's calls probe someone else's existing data (IDOR),
     * not missing ids: an API key, her sign-in session, a private room with a message, a comment on a post published
     * for it, a privacy request.
     */
    private static Map<String, String> objectsOf(String owner, String ownerId) throws Exception {
        Map<String, String> owned = new java.util.HashMap<>();
        owned.put("/api/v1/account/api-keys/{id}", field(send(json(BASE + "/api/v1/account/api-keys", owner,
                "{\"name\":\"walked\",\"scopes\":[\"read\"]}")).body(), "id"));
        owned.put("/api/v1/account/me/sessions/{sid}", field(send(authorized(BASE + "/api/v1/account/me/sessions", owner))
                .body(), "sid"));
        String room = field(send(json(BASE + "/api/v1/chat/rooms", owner, "{\"kind\":\"PRIVATE\",\"name\":\"Walked\"}"))
                .body(), "id");
        owned.put("/api/v1/chat/rooms/{id}", room);
        owned.put("/api/v1/chat/rooms/{room}", room);
        owned.put("/api/v1/chat/rooms/{room}/messages/{id}", field(send(json(BASE + "/api/v1/chat/rooms/" + room
                + "/messages", owner, "{\"body\":\"mine alone\"}")).body(), "id"));
        String slug = "walked-" + System.nanoTime();
        String admin = Platform.signInWithPkce(BASE, Platform.ADMIN_EMAIL, Platform.ADMIN_PASSWORD);
        assertThat(send(json(BASE + "/api/v1/blog/admin/posts", admin, "{\"title\":\"Walked\",\"slug\":\"" + slug
                + "\",\"bodyMarkdown\":\"Comment here.\",\"status\":\"PUBLISHED\"}")).statusCode()).isEqualTo(201);
        owned.put("/api/v1/blog/comments/{id}", field(send(json(BASE + "/api/v1/blog/posts/" + slug + "/comments", owner,
                "{\"body\":\"Carols words\",\"displayName\":\"Carol\"}")).body(), "id"));
        HttpResponse<String> filed = send(json(BASE + "/api/v1/data/users/" + ownerId + "/privacy-requests", owner,
                "{\"kind\":\"EXPORT\"}"));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(202);
        owned.put("/api/v1/data/privacy-requests/{id}", field(filed.body(), "id"));
        return owned;
    }

    /**
     * Sends the route's method with its valid body from the table, else an empty JSON (API) or form (page) body,
     * where it takes one; waits out 429s.
     */
    private static HttpResponse<String> call(RouteTable route, String path, String bearer) throws Exception {
        boolean api = path.startsWith("/api/") || path.startsWith("/webhooks/");
        HttpRequest.BodyPublisher body = route.method().equals("GET") || route.method().equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(
                route.body() != null ? route.body() : api ? "{}" : "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).method(route.method(), body)
                .header("Accept", api ? "application/json" : "text/html");
        if (!route.method().equals("GET")) {
            request.header("Content-Type", api ? "application/json" : "application/x-www-form-urlencoded");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return Platform.patiently(Platform.HTTP, request.timeout(java.time.Duration.ofSeconds(10)).build());
    }

    /**
     * Notes a mismatch: a server error or 429 anywhere; an answer outside {@code statuses} (empty: any refusal or
     * success will do, for public routes and pages, but a page's POST must be refused without a form token); an
     * API refusal that is not problem details.
     */
    private static void expect(List<String> wrong, RouteTable route, String who, HttpResponse<String> answer,
            List<Integer> statuses) {
        int status = answer.statusCode();
        boolean ok = status < 500 && status != 429;
        if (!statuses.isEmpty()) {
            ok &= statuses.contains(status);
        } else if (route.access() == RouteTable.Access.PAGE && !route.method().equals("GET")) {
            ok &= status == 403 || status == 400;
        }
        boolean api = route.gatewayPath().startsWith("/api/");
        if (api && status >= 400 && !answer.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/problem+json")) {
            ok = false;
        }
        if (!ok) {
            wrong.add(route + " as " + who + ": " + status + " " + answer.body().substring(0, Math.min(120,
                    answer.body().length())).replaceAll("\\s+", " "));
        }
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The claims signed RS256 by a key nobody published, under a made-up key id. */
    private static String signedByAStranger(String header, String claims) throws Exception {
        try (KeyServer stranger = new KeyServer()) {
            return signedByAStranger(header, claims, stranger);
        }
    }

    private static String signedByAStranger(String header, String claims, KeyServer stranger) throws Exception {
        String signingInput = b64(header) + "." + b64(claims);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(stranger.keys.getPrivate());
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }
}
