package io.xaostech.system;

import static io.xaostech.system.Platform.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.xaostech.common.service.XaosService;
import io.xaostech.platform.test.FakeStripe;
import io.xaostech.system.Platform.OAuthClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Lines of SECURITY-CHECKLIST.md (numbers in brackets) that {@link SecuritySweepIT}'s forged tokens and route
 * walk do not show by themselves, end to end through the gateway: token kinds, one-time codes and rotating
 * refresh tokens, password policy and enumeration, WebSocket origins, injection and mass assignment, spoofed
 * client addresses, webhook signatures and idempotency keys.
 */
@Order(2)
class SecurityChecklistIT {

    private static final String BASE = "http://127.0.0.1:" + port(XaosService.GATEWAY);
    private static OAuthClient app;

    @BeforeAll
    static void platformIsUpWithAnApp() throws Exception {
        Platform.up();
        app = registeredClient(BASE, signInWithPkce(BASE, ADMIN_EMAIL, ADMIN_PASSWORD));
    }

    @Test
    void anIdTokenOpensNoApi() throws Exception {
        String tokens = signInWithPkce(BASE, register(BASE, "Idtoken"), passwordOf("Idtoken"), "openid", app);
        assertThat(send(authorized(BASE + "/api/v1/account/me", field(tokens, "access_token"))).statusCode()).isEqualTo(200);

        HttpResponse<String> withIdToken = send(authorized(BASE + "/api/v1/account/me", field(tokens, "id_token")));
        assertThat(withIdToken.statusCode()).as("an ID token is no access token [3]").isEqualTo(401);
    }

    @Test
    void aCodeWorksOnceAndItsReuseRevokesWhatItGave() throws Exception {
        String email = register(BASE, "Codereuse");
        String code = authorizationCode(BASE, email, passwordOf("Codereuse"), "openid offline_access", app);
        HttpResponse<String> first = exchange(BASE, app, code);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);

        HttpResponse<String> again = exchange(BASE, app, code);
        assertThat(again.statusCode()).as("single use [5]").isEqualTo(400);
        assertThat(again.body()).contains("invalid_grant");
        HttpResponse<String> refreshed = sendPatiently(app.tokenRequest(BASE, "grant_type=refresh_token&refresh_token="
                + URLEncoder.encode(field(first.body(), "refresh_token"), StandardCharsets.UTF_8)));
        assertThat(refreshed.statusCode()).as("the reuse revoked the refresh token it gave [5]").isEqualTo(400);
    }

    @Test
    void aRefreshTokenUsedTwiceRevokesItsWholeFamily() throws Exception {
        String tokens = signInWithPkce(BASE, register(BASE, "Rotation"), passwordOf("Rotation"), "openid offline_access", app);
        String first = field(tokens, "refresh_token");
        String second = field(refresh(BASE, first, app), "refresh_token");
        assertThat(second).as("refresh tokens rotate [7]").isNotEqualTo(first);
        Thread.sleep(6000);  // past account's 5 s grace for a client's parallel refreshes

        HttpResponse<String> replayed = sendPatiently(app.tokenRequest(BASE, "grant_type=refresh_token&refresh_token="
                + URLEncoder.encode(first, StandardCharsets.UTF_8)));
        assertThat(replayed.statusCode()).as("the old one is refused [7]").isEqualTo(400);
        HttpResponse<String> latest = sendPatiently(app.tokenRequest(BASE, "grant_type=refresh_token&refresh_token="
                + URLEncoder.encode(second, StandardCharsets.UTF_8)));
        assertThat(latest.statusCode()).as("and the family with it, the newest included [7]").isEqualTo(400);
    }

    @Test
    void passwordsFollowThePolicyAndRegistrationTellsNoOneWhoHasAnAccount() throws Exception {
        for (String weak : List.of("short", "password1", "12345678")) {
            HttpResponse<String> refused = sendPatiently(json(BASE + "/api/v1/account/registrations", null,
                    "{\"email\":\"weak-" + System.nanoTime() + "@example.test\",\"displayName\":\"Weak\",\"password\":\""
                            + weak + "\"}"));
            assertThat(refused.statusCode()).as("too short or too common [9]: " + weak).isEqualTo(400);
            assertThat(refused.body()).contains("password");
        }
        String taken = register(BASE, "Taken");
        String fresh = "fresh-" + System.nanoTime() + "@example.test";
        HttpResponse<String> again = sendPatiently(json(BASE + "/api/v1/account/registrations", null,
                "{\"email\":\"" + taken + "\",\"displayName\":\"X\",\"password\":\"another long passphrase\"}"));
        HttpResponse<String> other = sendPatiently(json(BASE + "/api/v1/account/registrations", null,
                "{\"email\":\"" + fresh + "\",\"displayName\":\"X\",\"password\":\"another long passphrase\"}"));
        assertThat(again.statusCode()).as("no enumeration by response [8]").isEqualTo(other.statusCode());
        assertThat(again.body()).isEqualTo(other.body());

        assertThat(failedSignIn(taken, "not the password")).as("wrong password and unknown address look alike [8]")
                .isEqualTo(failedSignIn("nobody-" + System.nanoTime() + "@example.test", "not the password"));
    }

    @Test
    void aWebSocketFromAForeignOriginIsRefusedAtTheHandshake() throws Exception {
        String token = newUser(BASE, "Origin");
        Throwable refused = catchThrowable(() -> HTTP.newWebSocketBuilder()
                .header("Origin", "https://evil.example").subprotocols("xaos-chat.v1", "bearer." + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + port(XaosService.GATEWAY) + "/ws/chat"), new ChatFrames())
                .get(10, TimeUnit.SECONDS));
        assertThat(refused).as("Origin checked at the handshake [15]").hasCauseInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).isEqualTo(403);
    }

    @Test
    void injectionIsTextAndAProfileChangeCannotGrantRoles() throws Exception {
        HttpResponse<String> search = send(HttpRequest.newBuilder(URI.create(BASE + "/api/v1/blog/search?q="
                + URLEncoder.encode("x' OR '1'='1'; drop table posts; --", StandardCharsets.UTF_8))));
        assertThat(search.statusCode()).as("parameterised [19]").isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(URI.create(BASE + "/api/v1/blog/posts"))).statusCode()).isEqualTo(200);

        String sqlUser = newUser(BASE, "Injector");
        String hostile = "Robert'); DROP TABLE rooms; --";
        HttpResponse<String> room = send(json(BASE + "/api/v1/chat/rooms", sqlUser,
                "{\"kind\":\"PUBLIC\",\"name\":\"" + hostile + "\"}"));
        assertThat(room.statusCode()).as("chat [19]: " + room.body()).isEqualTo(201);
        assertThat(send(authorized(BASE + "/api/v1/chat/rooms/" + field(room.body(), "id"), sqlUser)).body())
                .as("stored as text").contains(hostile);
        String choice = "{\"method\":\"API\",\"choices\":[{\"purpose\":\"x' OR '1'='1\",\"decision\":\"GRANTED\","
                + "\"noticeVersion\":1}]}";
        HttpResponse<String> consent = send(json(BASE + "/api/v1/data/users/" + subject(sqlUser) + "/consents", sqlUser,
                choice).method("PUT", HttpRequest.BodyPublishers.ofString(choice)));
        assertThat(consent.statusCode()).as("data [19]: " + consent.body()).isEqualTo(422);
        HttpResponse<String> detect = send(json(BASE + "/api/v1/lingua/detect", sqlUser,
                "{\"q\":\"'; DROP TABLE translation_memory; -- hola amigos, buenos dias\"}"));
        assertThat(detect.statusCode()).as("lingua [19]: " + detect.body()).isEqualTo(200);
        HttpResponse<String> plan = send(json(BASE + "/api/v1/payments/checkout-sessions", sqlUser,
                "{\"plan\":\"' OR 1=1 --\"}"));
        assertThat(plan.statusCode()).as("payments [19]: " + plan.body()).isEqualTo(400);

        String slug = "injected-" + System.nanoTime();
        String admin = signInWithPkce(BASE, ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(send(json(BASE + "/api/v1/blog/admin/posts", admin, "{\"title\":\"Comments welcome\",\"slug\":\"" + slug
                + "\",\"bodyMarkdown\":\"Say something.\",\"status\":\"PUBLISHED\"}")).statusCode()).isEqualTo(201);
        HttpResponse<String> comment = send(json(BASE + "/api/v1/blog/posts/" + slug + "/comments", sqlUser,
                "{\"body\":\"<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>\","
                        + "\"displayName\":\"Injector\"}"));
        assertThat(comment.statusCode()).as("blog [16]: " + comment.body()).isEqualTo(201);
        String html = comment.body().substring(comment.body().indexOf("\"html\":"), comment.body().indexOf(",\"status\":"));
        assertThat(html).as("hostile Markdown rendered as text [16]").doesNotContain("<script").doesNotContain("<img")
                .doesNotContain("href=\\\"javascript").contains("&lt;script&gt;");

        String user = newUser(BASE, "Mass");
        String change = "{\"displayName\":\"Mass\",\"roles\":[\"ADMIN\"],\"email\":\"evil@example.test\",\"status\":\"ACTIVE\"}";
        HttpResponse<String> changed = send(json(BASE + "/api/v1/account/me", user, change)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(change)));
        assertThat(changed.statusCode()).isBetween(200, 400);
        String me = send(authorized(BASE + "/api/v1/account/me", user)).body();
        assertThat(me).as("no mass assignment [20]").doesNotContain("ADMIN").doesNotContain("evil@example.test");
        assertThat(send(authorized(BASE + "/api/v1/account/admin/clients", user)).statusCode()).isEqualTo(403);
    }

    @Test
    void fieldsTheCallerMayNotSetAreIgnoredInEveryBody() throws Exception {
        String alice = newUser(BASE, "Owner");
        String bob = newUser(BASE, "Other");
        String aliceId = subject(alice);
        String bobId = subject(bob);

        String room = send(json(BASE + "/api/v1/chat/rooms", alice, "{\"kind\":\"PUBLIC\",\"name\":\"Assigned\","
                + "\"createdBy\":\"" + bobId + "\",\"id\":\"" + UUID.randomUUID() + "\",\"lastSeq\":99}")).body();
        assertThat(field(room, "createdBy")).as("a room's creator [20]").isEqualTo(aliceId);
        String message = send(json(BASE + "/api/v1/chat/rooms/" + field(room, "id") + "/messages", alice,
                "{\"body\":\"mine\",\"senderId\":\"" + bobId + "\",\"seq\":1000,\"kind\":\"SYSTEM\"}")).body();
        assertThat(field(message, "senderId")).as("a message's sender [20]").isEqualTo(aliceId);

        HttpResponse<String> filed = send(json(BASE + "/api/v1/data/users/" + aliceId + "/privacy-requests", alice,
                "{\"kind\":\"EXPORT\",\"userId\":\"" + bobId + "\",\"filedBy\":\"" + bobId + "\",\"status\":\"DONE\"}"));
        assertThat(filed.statusCode()).as(filed.body()).isBetween(200, 202);
        assertThat(field(filed.body(), "userId")).as("whose request [20]").isEqualTo(aliceId);
        assertThat(field(filed.body(), "filedBy")).isEqualTo(aliceId);
        assertThat(field(filed.body(), "status")).isNotEqualTo("DONE");
    }

    @Test
    void aForgedForwardedForDoesNotEscapeTheSignInLimit() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            statuses.add(send(HttpRequest.newBuilder(URI.create(BASE + "/auth/login"))
                    .header("X-Forwarded-For", "203.0.113." + (i + 1))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=a%40b.c&password=x"))).statusCode());
        }
        assertThat(statuses).as("the limit keys on our peer, not on what the client says [21]").contains(429);
        Thread.sleep(5000);  // the bucket refills for the other tests signing in from this address
    }

    @Test
    void webhooksNeedAFreshValidSignatureAndStoreNothingOtherwise() throws Exception {
        long now = Instant.now().getEpochSecond();
        String id = "evt_sweep_" + System.nanoTime();
        String payload = "{\"id\":\"" + id + "\",\"object\":\"event\",\"created\":" + now
                + ",\"type\":\"customer.created\",\"data\":{\"object\":{\"id\":\"cus_sweep\",\"object\":\"customer\"}}}";
        HttpResponse<String> forged = webhook(payload, FakeStripe.signature("whsec_not_ours", payload, now));
        HttpResponse<String> stale = webhook(payload, FakeStripe.signature(WEBHOOK_SECRET, payload, now - 600));
        HttpResponse<String> unsigned = webhook(payload, null);
        assertThat(List.of(forged.statusCode(), stale.statusCode(), unsigned.statusCode()))
                .as("bad, stale (600 s) and missing signatures [24]").containsOnly(400);
        assertThat(sql("select count(*) from payments.stripe_events where id = '" + id + "'")).as("nothing stored")
                .isEqualTo("0");

        HttpResponse<String> signed = webhook(payload, FakeStripe.signature(WEBHOOK_SECRET, payload, now));
        HttpResponse<String> redelivered = webhook(payload, FakeStripe.signature(WEBHOOK_SECRET, payload, now));
        assertThat(List.of(signed.statusCode(), redelivered.statusCode())).as("at least once, answered 2xx [25]")
                .containsOnly(200);
        assertThat(sql("select count(*) from payments.stripe_events where id = '" + id + "'")).as("deduped on id [25]")
                .isEqualTo("1");
    }

    @Test
    void anIdempotencyKeyReplaysItsFirstAnswerAndRefusesOtherParameters() throws Exception {
        String user = newUser(BASE, "Idempotent");
        String key = "sweep-" + System.nanoTime();
        HttpResponse<String> first = checkout(user, key, "supporter-monthly");
        HttpResponse<String> replay = checkout(user, key, "supporter-monthly");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(field(replay.body(), "url")).as("the first result replayed [26]").isEqualTo(field(first.body(), "url"));
        assertThat(checkout(user, key, "supporter-yearly").statusCode()).as("same key, other parameters [26]")
                .isEqualTo(422);
        assertThat(checkout(user, "k".repeat(256), "supporter-monthly").statusCode()).as("over 255 characters [26]")
                .isEqualTo(400);
    }

    @Test
    void aCodeNeedsItsVerifierAndThereIsNoImplicitGrant() throws Exception {
        String email = register(BASE, "Verifier");
        String wrong = authorizationCode(BASE, email, passwordOf("Verifier"), "openid", app);
        HttpResponse<String> wrongVerifier = sendPatiently(app.tokenRequest(BASE, "grant_type=authorization_code&code="
                + URLEncoder.encode(wrong, StandardCharsets.UTF_8) + "&redirect_uri="
                + URLEncoder.encode(app.redirectUri(), StandardCharsets.UTF_8) + "&code_verifier=" + "w".repeat(50)));
        assertThat(wrongVerifier.statusCode()).as("a wrong code_verifier [6]").isEqualTo(400);
        String missing = authorizationCode(BASE, email, passwordOf("Verifier"), "openid", app);
        HttpResponse<String> noVerifier = sendPatiently(app.tokenRequest(BASE, "grant_type=authorization_code&code="
                + URLEncoder.encode(missing, StandardCharsets.UTF_8) + "&redirect_uri="
                + URLEncoder.encode(app.redirectUri(), StandardCharsets.UTF_8)));
        assertThat(noVerifier.statusCode()).as("no code_verifier [6]").isEqualTo(400);

        HttpResponse<String> implicit = send(HttpRequest.newBuilder(URI.create(BASE + "/auth/oauth2/authorize"
                + "?response_type=token&client_id=cli&scope=openid&state=s&redirect_uri="
                + URLEncoder.encode(OAuthClient.CLI.redirectUri(), StandardCharsets.UTF_8))));
        assertThat(implicit.statusCode()).as("no implicit grant [5]").isBetween(300, 499);
        assertThat(implicit.headers().firstValue("Location").orElse("")).doesNotContain("access_token");

        HttpResponse<String> withoutPkce = send(HttpRequest.newBuilder(URI.create(BASE + "/auth/oauth2/authorize"
                + "?response_type=code&client_id=cli&scope=openid&state=s&redirect_uri="
                + URLEncoder.encode(OAuthClient.CLI.redirectUri(), StandardCharsets.UTF_8))));
        assertThat(withoutPkce.statusCode()).as("a code request without PKCE [6]").isBetween(300, 499);
        assertThat(withoutPkce.headers().firstValue("Location").orElse("")).doesNotContain("code=");
    }

    @Test
    void signingInGivesANewHttpOnlySameSiteSessionAndAccountsPagesRefuseFramingAndSniffing() throws Exception {
        String email = register(BASE, "Cookies");
        java.net.CookieManager jar = new java.net.CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(jar).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> login = patiently(browser, HttpRequest.newBuilder(URI.create(BASE + "/auth/login"))
                .timeout(java.time.Duration.ofSeconds(10)).header("Accept", "text/html").build());
        assertThat(login.headers().firstValue("X-Frame-Options")).as("not framed elsewhere [14]").hasValue("DENY");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow()).as("[14]")
                .contains("frame-ancestors 'none'").contains("object-src 'none'").doesNotContain("unsafe-inline");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).as("[14]").hasValue("nosniff");
        String before = sessionOf(jar);
        HttpResponse<String> signedIn = patiently(browser, HttpRequest.newBuilder(URI.create(BASE + "/auth/login"))
                .timeout(java.time.Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(passwordOf("Cookies"), StandardCharsets.UTF_8) + "&_csrf="
                        + formToken(login.body()))).build());
        assertThat(signedIn.statusCode()).isIn(302, 303);
        String cookie = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XAOS_ACCOUNT_SESSION=")).findFirst().orElseThrow();
        assertThat(cookie).as("[11]").contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        assertThat(sessionOf(jar)).as("a new session id at sign-in [10]").isNotEqualTo(before);
    }

    @Test
    void aForeignOriginGetsNoCorsGrantAndAnUploadThatIsNotItsTypeIsRefused() throws Exception {
        HttpResponse<String> plain = send(HttpRequest.newBuilder(URI.create(BASE + "/api/v1/blog/posts"))
                .header("Origin", "https://evil.example"));
        assertThat(plain.headers().firstValue("Access-Control-Allow-Origin")).as("not even on a plain GET [12]").isEmpty();

        String editor = signInWithPkce(BASE, ADMIN_EMAIL, ADMIN_PASSWORD);
        String boundary = "sweep-" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cat.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n<html><script>alert(1)</script></html>\r\n--" + boundary + "--\r\n";
        HttpResponse<String> upload = send(HttpRequest.newBuilder(URI.create(BASE + "/api/v1/blog/admin/media"))
                .header("Authorization", "Bearer " + editor)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(upload.statusCode()).as("HTML named .png: the bytes decide [17]").isEqualTo(415);
        assertThat(upload.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    private static String sessionOf(java.net.CookieManager jar) {
        return jar.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XAOS_ACCOUNT_SESSION"))
                .map(java.net.HttpCookie::getValue).findFirst().orElse("");
    }

    /** Where account sends a browser whose sign-in failed. */
    private static String failedSignIn(String email, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String form = patiently(browser, HttpRequest.newBuilder(URI.create(BASE + "/auth/login"))
                .timeout(java.time.Duration.ofSeconds(10)).build()).body();
        HttpResponse<String> answer = patiently(browser, HttpRequest.newBuilder(URI.create(BASE + "/auth/login"))
                .timeout(java.time.Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + formToken(form)))
                .build());
        return answer.statusCode() + " " + answer.headers().firstValue("Location").orElse("");
    }

    private static HttpResponse<String> webhook(String payload, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + "/webhooks/stripe"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload));
        return send(signature == null ? request : request.header("Stripe-Signature", signature));
    }

    private static HttpResponse<String> checkout(String user, String key, String plan) throws Exception {
        return send(json(BASE + "/api/v1/payments/checkout-sessions", user, "{\"plan\":\"" + plan + "\"}")
                .header("Idempotency-Key", key));
    }
}
