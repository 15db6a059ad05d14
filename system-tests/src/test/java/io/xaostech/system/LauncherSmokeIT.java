package io.xaostech.system;

import static io.xaostech.system.Platform.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.common.service.XaosService;
import io.xaostech.platform.test.FakeStripe;
import io.xaostech.system.Platform.OAuthClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Starts the whole platform the way a developer does, with {@code ./xaostech up} (see {@link Platform}), checks
 * every service is ready on its port and through the gateway, and walks the main API journeys through the
 * gateway: identity, blog, chat, privacy, payments and the website as a plain HTTP client.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherSmokeIT {

    @Test
    @Order(1)
    void upStartsEveryServiceAndWaitsUntilReady() throws Exception {
        Run up = launcher("up");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("All ready in");
        for (XaosService service : XaosService.values()) {
            HttpResponse<String> readiness = get(port(service), "/readyz");
            assertThat(readiness.statusCode()).as(service.moduleName()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"status\":\"UP\"");
        }
        assertThat(get(8090 + OFFSET, "/actuator/prometheus").body()).as("the gateway's metrics, on its management port")
                .contains("application=\"api-gateway\"");
        assertThat(get(port(XaosService.GATEWAY), "/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(get(9000 + OFFSET, "/").statusCode()).as("S3Proxy answers").isBetween(200, 499);
    }

    @Test
    @Order(2)
    void everyServiceIsReadyThroughTheGateway() throws Exception {
        assertThat(get(port(XaosService.GATEWAY), "/readyz").body()).contains("\"status\":\"UP\"");
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
    @Order(3)
    void aUserSignsInThroughTheGatewayAndItsTokenAndApiKeyOpenTheApis() throws Exception {
        int gateway = port(XaosService.GATEWAY);
        String base = "http://127.0.0.1:" + gateway;
        String email = "smoke-" + System.nanoTime() + "@example.test";
        String password = "a long smoke-test passphrase";
        assertThat(send(json(base + "/api/v1/account/registrations", null, "{\"email\":\"" + email
                + "\",\"displayName\":\"Smoke\",\"password\":\"" + password + "\"}")).statusCode()).isEqualTo(202);
        assertThat(send(json(base + "/api/v1/account/email-verifications", null,
                "{\"token\":\"" + verificationToken(email) + "\"}")).statusCode()).isEqualTo(204);

        String accessToken = signInWithPkce(base, email, password);

        HttpResponse<String> me = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/account/me"))
                .header("Authorization", "Bearer " + accessToken));
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains(email);
        // blog checks account's token itself (keys fetched from account): valid, but not an editor's.
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/blog/posts"))).statusCode()).isEqualTo(200);
        assertThat(send(json(base + "/api/v1/blog/admin/posts", accessToken, "{\"title\":\"x\",\"bodyMarkdown\":\"x\"}"))
                .statusCode()).as("blog accepts the token and refuses a non-admin").isEqualTo(403);
        assertThat(send(json(base + "/api/v1/blog/posts/no-such-post/comments", accessToken,
                "{\"body\":\"hi\",\"displayName\":\"Smoke\"}")).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/chat/rooms"))
                .header("Authorization", "Bearer " + accessToken)).statusCode()).as("the gateway lets the user through")
                .isNotIn(401, 403);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/chat/rooms"))
                .header("Authorization", "Bearer " + accessToken + "x")).statusCode()).isEqualTo(401);

        HttpResponse<String> key = send(json(base + "/api/v1/account/api-keys", accessToken,
                "{\"name\":\"smoke\",\"scopes\":[\"read\"]}"));
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        String apiKey = field(key.body(), "key");
        // The gateway resolves keys through account (services see key callers as anonymous for now).
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/blog/posts")).header("X-API-Key", apiKey))
                .statusCode()).as("the key is resolved through account").isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/blog/posts")).header("X-API-Key", apiKey + "x"))
                .statusCode()).as("an unknown key is refused at the gateway").isEqualTo(401);

        // lingua checks keys itself (LibreTranslate clients send them in the body): translate offline with Apertium.
        String translate = "{\"q\":\"Hello, my friend.\",\"source\":\"en\",\"target\":\"es\",\"api_key\":\"%s\"}";
        HttpResponse<String> translateKey = send(json(base + "/api/v1/account/api-keys", accessToken,
                "{\"name\":\"translate\",\"scopes\":[\"translate\"]}"));
        assertThat(translateKey.statusCode()).as(translateKey.body()).isEqualTo(201);
        HttpResponse<String> translated = send(json(base + "/api/v1/lingua/translate", null,
                translate.formatted(field(translateKey.body(), "key"))));
        assertThat(translated.statusCode()).as(translated.body()).isEqualTo(200);
        assertThat(translated.body()).contains("Hola, mi amigo.");
        assertThat(send(json(base + "/api/v1/lingua/translate", null, translate.formatted(apiKey))).statusCode())
                .as("a key without the translate scope").isEqualTo(403);
    }

    @Test
    @Order(3)
    void aRestClientRefreshesItsTokenAndReachesEveryServiceWithIt() throws Exception {
        String base = "http://127.0.0.1:" + port(XaosService.GATEWAY);
        OAuthClient app = registeredClient(base, signInWithPkce(base, ADMIN_EMAIL, ADMIN_PASSWORD));
        String email = register(base, "Client");
        String first = signInWithPkce(base, email, passwordOf("Client"), "openid offline_access", app);
        String refreshed = refresh(base, field(first, "refresh_token"), app);
        String token = field(refreshed, "access_token");
        assertThat(token).isNotEqualTo(field(first, "access_token"));
        assertThat(field(refreshed, "refresh_token")).as("refresh tokens rotate").isNotEqualTo(field(first, "refresh_token"));
        for (String path : java.util.List.of("/api/v1/account/me", "/api/v1/blog/posts", "/api/v1/chat/rooms",
                "/api/v1/data/users/" + subject(token) + "/consents", "/api/v1/lingua/languages",
                "/api/v1/payments/me/subscriptions")) {
            HttpResponse<String> answer = send(authorized(base + path, token));
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        }
    }

    @Test
    @Order(4)
    void anEditorPublishesAPostWithAnImageAndAReaderCommentsOnIt() throws Exception {
        String base = "http://127.0.0.1:" + port(XaosService.GATEWAY);
        String editor = signInWithPkce(base, ADMIN_EMAIL, ADMIN_PASSWORD);

        byte[] png = java.util.Base64.getDecoder().decode(ONE_PIXEL_PNG);
        String boundary = "smoke-" + System.nanoTime();
        java.io.ByteArrayOutputStream multipart = new java.io.ByteArrayOutputStream();
        multipart.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dot.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        multipart.writeBytes(png);
        multipart.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> uploaded = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/blog/admin/media"))
                .header("Authorization", "Bearer " + editor)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart.toByteArray())));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String image = "/api/v1/blog/media/" + field(uploaded.body(), "id") + "/original";

        String slug = "smoke-" + System.nanoTime();
        // A word no other post has, to find this one by.
        String word = "quokka" + Long.toString(System.nanoTime(), 36).replaceAll("[^a-z]", "");
        HttpResponse<String> created = send(json(base + "/api/v1/blog/admin/posts", editor, "{\"title\":\"Smoke post\","
                + "\"slug\":\"" + slug + "\",\"bodyMarkdown\":\"Hello ![dot](" + image + ") " + word
                + "\",\"status\":\"PUBLISHED\"}"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/blog/posts/" + slug)));
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).contains("<img src=\\\"" + image + "\\\"");
        HttpResponse<byte[]> served = HTTP.send(HttpRequest.newBuilder(URI.create(base + image)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.body()).isEqualTo(png);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/blog/feeds/atom"))).body()).contains(slug);

        String reader = newUser(base, "Reader");
        HttpResponse<String> comment = send(json(base + "/api/v1/blog/posts/" + slug + "/comments", reader,
                "{\"body\":\"Nice!\",\"displayName\":\"Reader\"}"));
        assertThat(comment.statusCode()).as(comment.body()).isEqualTo(201);
        assertThat(comment.body()).as("a first comment waits for a moderator").contains("\"status\":\"PENDING\"");
        String commentId = field(comment.body(), "id");
        String comments = base + "/api/v1/blog/posts/" + slug + "/comments";
        assertThat(send(HttpRequest.newBuilder(URI.create(comments))).body()).doesNotContain("Nice!");
        assertThat(send(authorized(base + "/api/v1/blog/admin/comments?status=PENDING", editor)).body()).contains(commentId);
        HttpResponse<String> approved = send(json(base + "/api/v1/blog/admin/comments/" + commentId + "/approve", editor, ""));
        assertThat(approved.statusCode()).as(approved.body()).isBetween(200, 204);
        assertThat(send(HttpRequest.newBuilder(URI.create(comments))).body()).as("approved: shown to all").contains("Nice!");

        HttpResponse<String> found = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/blog/search?q=" + word)));
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(found.body()).as("found by search").contains("\"slug\":\"" + slug + "\"");
    }

    @Test
    @Order(5)
    void twoUsersChatOverWebSocketsThroughTheGateway() throws Exception {
        String base = "http://127.0.0.1:" + port(XaosService.GATEWAY);
        String alice = newUser(base, "Alice");
        String bob = newUser(base, "Bob");
        HttpResponse<String> created = send(json(base + "/api/v1/chat/rooms", alice, "{\"kind\":\"PUBLIC\",\"name\":\"Smoke\"}"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String room = field(created.body(), "id");
        assertThat(send(json(base + "/api/v1/chat/rooms/" + room + "/join", bob, "")).statusCode()).isEqualTo(200);

        ChatFrames aliceSees = new ChatFrames();
        ChatFrames bobSees = new ChatFrames();
        java.net.http.WebSocket aliceSocket = HTTP.newWebSocketBuilder().subprotocols("xaos-chat.v1", "bearer." + alice)
                .buildAsync(URI.create("ws://127.0.0.1:" + port(XaosService.GATEWAY) + "/ws/chat"), aliceSees)
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        java.net.http.WebSocket bobSocket = HTTP.newWebSocketBuilder().subprotocols("xaos-chat.v1", "bearer." + bob)
                .buildAsync(URI.create("ws://127.0.0.1:" + port(XaosService.GATEWAY) + "/ws/chat"), bobSees)
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(aliceSocket.getSubprotocol()).as("the token is not echoed").isEqualTo("xaos-chat.v1");
        aliceSocket.sendText("{\"type\":\"subscribe\",\"room\":\"" + room + "\"}", true).join();
        bobSocket.sendText("{\"type\":\"subscribe\",\"room\":\"" + room + "\"}", true).join();
        aliceSees.next("subscribed");
        bobSees.next("subscribed");

        aliceSocket.sendText("{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"Hi Bob\"}", true).join();
        assertThat(aliceSees.next("ack")).contains("\"seq\":1");
        assertThat(bobSees.next("message")).contains("Hi Bob");
        assertThat(aliceSees.next("message")).as("everyone in the room gets it, its sender too").contains("Hi Bob");
        bobSocket.sendText("{\"type\":\"send\",\"room\":\"" + room + "\",\"body\":\"Hi Alice\"}", true).join();
        assertThat(aliceSees.next("message")).contains("Hi Alice").contains("\"seq\":2");
        aliceSocket.abort();
        bobSocket.abort();
    }

    /** A public room whose only messages came from a user who then erased their data (test 6; read in test 8). */
    private static String erasedSendersRoom;

    @Test
    @Order(6)
    void aUserManagesConsentsAndGetsAnExportAndAnErasureThroughTheGateway() throws Exception {
        String base = "http://127.0.0.1:" + port(XaosService.GATEWAY);
        String user = newUser(base, "Privacy");
        String userId = subject(user);
        String purposes = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/data/purposes"))).body();
        int version = Integer.parseInt(purposes.replaceAll("(?s).*\"code\":\"analytics\".*?\"noticeVersion\":(\\d+).*", "$1"));
        String decisions = "{\"method\":\"SETTINGS\",\"choices\":[{\"purpose\":\"analytics\","
                + "\"decision\":\"GRANTED\",\"noticeVersion\":" + version + "}]}";
        HttpResponse<String> consented = send(json(base + "/api/v1/data/users/" + userId + "/consents", user, decisions)
                .method("PUT", HttpRequest.BodyPublishers.ofString(decisions)));
        assertThat(consented.statusCode()).as(consented.body()).isEqualTo(200);
        assertThat(consented.body()).contains("\"receipt\":\"ey");

        String room = field(send(json(base + "/api/v1/chat/rooms", user, "{\"kind\":\"PUBLIC\",\"name\":\"Mine\"}")).body(), "id");
        erasedSendersRoom = room;
        assertThat(send(json(base + "/api/v1/chat/rooms/" + room + "/messages", user, "{\"body\":\"a line of mine\"}"))
                .statusCode()).isEqualTo(201);

        // A billing customer too, so payments has a part.
        assertThat(send(json(base + "/api/v1/payments/checkout-sessions", user, "{\"plan\":\"supporter-monthly\"}")
                .header("Idempotency-Key", "smoke-privacy-" + userId)).statusCode()).isEqualTo(201);
        String customer = (String) FakeStripe.get().customersOf(userId).get(0).get("id");

        String export = field(send(json(base + "/api/v1/data/users/" + userId + "/privacy-requests", user,
                "{\"kind\":\"EXPORT\"}")).body(), "id");
        awaitCompleted(base, export, user, Duration.ofMinutes(1));
        HttpResponse<String> link = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/data/privacy-requests/" + export
                + "/export")).header("Authorization", "Bearer " + user));
        assertThat(link.statusCode()).as(link.body()).isEqualTo(303);
        HttpResponse<byte[]> zip = HTTP.send(HttpRequest.newBuilder(URI.create(link.headers().firstValue("Location")
                .orElseThrow())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        java.util.Map<String, String> entries = new java.util.HashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (java.util.zip.ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).containsKeys("account.json", "blog.json", "chat.json", "payments.json", "data.json");
        assertThat(entries.get("account.json")).contains("privacy-").contains("@example.test");
        assertThat(entries.get("payments.json")).contains(customer);
        assertThat(entries.get("chat.json")).contains("a line of mine");
        assertThat(entries.get("data.json")).contains("analytics");

        String erasure = field(send(json(base + "/api/v1/data/users/" + userId + "/privacy-requests", user,
                "{\"kind\":\"ERASURE\"}")).body(), "id");
        awaitCompleted(base, erasure, user, Duration.ofMinutes(1));
        assertThat(send(authorized(base + "/api/v1/data/privacy-requests/" + erasure, user)).body())
                .as("account's step reports the deletion (its outcome is JSON within the JSON)")
                .containsPattern("deleted\\\\?\":true");
        assertThat(send(authorized(base + "/api/v1/account/me", user)).statusCode()).as("the account is gone")
                .isIn(401, 404);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/data/users/" + userId + "/consents/history"))
                .header("Authorization", "Bearer " + user)).body()).as("consent records anonymised").isEqualTo("[]");
    }

    @Test
    @Order(7)
    void aSignedInUserChecksOutAndASignedWebhookMakesThemASupporter() throws Exception {
        String base = "http://127.0.0.1:" + port(XaosService.GATEWAY);
        OAuthClient app = registeredClient(base, signInWithPkce(base, ADMIN_EMAIL, ADMIN_PASSWORD));
        String tokens = signInWithPkce(base, register(base, "Payer"), passwordOf("Payer"), "openid offline_access", app);
        String token = field(tokens, "access_token");
        String user = subject(token);
        assertThat(send(authorized(base + "/api/v1/account/me", token)).headers().firstValue("RateLimit-Policy"))
                .as("a user's limits at the gateway").hasValueSatisfying(p -> assertThat(p).contains("q=40"));
        HttpResponse<String> checkout = send(json(base + "/api/v1/payments/checkout-sessions", token,
                "{\"plan\":\"supporter-monthly\"}").header("Idempotency-Key", "smoke-" + user));
        assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(201);
        assertThat(field(checkout.body(), "url")).startsWith("https://checkout.stripe.com/c/pay/cs_test_");
        String customer = (String) FakeStripe.get().customersOf(user).get(0).get("id");

        // Stripe calls the webhook through the gateway: no token, the body signed and passed on untouched.
        long now = java.time.Instant.now().getEpochSecond();
        String payload = ("{\"id\":\"evt_smoke_%s\",\"object\":\"event\",\"created\":%d,\"type\":"
                + "\"customer.subscription.created\",\"data\":{\"object\":{\"id\":\"sub_smoke_%s\",\"object\":"
                + "\"subscription\",\"customer\":\"%s\",\"status\":\"active\",\"items\":{\"data\":[{\"price\":"
                + "{\"id\":\"price_supporter_monthly\"}}]}}}}").formatted(user, now, user, customer);
        HttpResponse<String> delivered = send(HttpRequest.newBuilder(URI.create(base + "/webhooks/stripe"))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", FakeStripe.signature(WEBHOOK_SECRET, payload, now))
                .POST(HttpRequest.BodyPublishers.ofString(payload)));
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);

        // payments publishes SubscriptionChanged; account grants the role.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(send(authorized(base + "/api/v1/account/me", token)).body()).contains("SUPPORTER"));
        HttpResponse<String> mine = send(authorized(base + "/api/v1/payments/me/subscriptions", token));
        assertThat(mine.body()).contains("\"supporter\":true").contains("\"plan\":\"supporter-monthly\"");
        // Their next token says so, and the gateway gives them a supporter's limits.
        String supporter = field(refresh(base, field(tokens, "refresh_token"), app), "access_token");
        assertThat(send(authorized(base + "/api/v1/account/me", supporter)).headers().firstValue("RateLimit-Policy"))
                .as("a supporter's limits").hasValueSatisfying(p -> assertThat(p).contains("q=100"));
    }

    @Test
    @Order(8)
    void aVisitorSignsInToTheWebsiteThroughAccountAndSignsOut() throws Exception {
        // The site's origin as the browser uses it (account's registered redirect and issuer say localhost).
        String site = "http://localhost:" + port(XaosService.GATEWAY);
        String email = register(site, "Visitor");
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(3)).build();

        HttpResponse<String> login = follow(browser, URI.create(site + "/me"));
        assertThat(login.uri().getPath()).as("account's sign-in page, through the gateway").isEqualTo("/auth/login");
        String csrf = formToken(login.body());
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(login.uri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8)
                        + "&password=" + java.net.URLEncoder.encode(passwordOf("Visitor"), StandardCharsets.UTF_8)
                        + "&_csrf=" + csrf)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> me = follow(browser, login.uri().resolve(signedIn.headers().firstValue("Location").orElseThrow()));
        assertThat(me.uri().getPath()).isEqualTo("/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("Signed in as <strong>Visitor</strong>").contains(email)
                .as("no token in the page").doesNotContain("eyJ");
        assertThat(me.headers().firstValue("Cache-Control")).as("a visitor's own page is never stored").hasValue("no-store");
        assertThat(((java.net.CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies())
                .as("the browser holds session cookies only, never a token")
                .allMatch(c -> c.getName().endsWith("SESSION") || c.getName().startsWith("XSRF"));

        // Reading the blog and commenting through the site: the site posts the comment with the visitor's token.
        HttpResponse<String> blog = follow(browser, URI.create(site + "/blog"));
        assertThat(blog.statusCode()).isEqualTo(200);
        String post = java.util.regex.Pattern.compile("href=\"(/blog/smoke-\\d+)\"").matcher(blog.body()).results()
                .findFirst().orElseThrow(() -> new AssertionError("no smoke post in " + blog.body())).group(1);
        HttpResponse<String> postPage = follow(browser, URI.create(site + post));
        assertThat(postPage.body()).contains("<h1>Smoke post</h1>").contains("id=\"comment-form\"");
        HttpResponse<String> commented = browser.send(HttpRequest.newBuilder(URI.create(site + post + "/comments"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("displayName=Visitor&body=Read+it+all.&_csrf="
                        + formToken(postPage.body()))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(commented.statusCode()).as(commented.body()).isEqualTo(302);
        assertThat(follow(browser, URI.create(site).resolve(commented.headers().firstValue("Location").orElseThrow()))
                .body()).contains("your comment is saved");

        // Subscribing through the site: to (the stand-in of) Stripe Checkout; billing shows the account's state.
        HttpResponse<String> pricing = follow(browser, URI.create(site + "/pricing"));
        assertThat(pricing.body()).contains("Subscribe: Supporter (monthly)");
        String requestKey = java.util.regex.Pattern.compile("name=\"requestKey\" value=\"([0-9a-f-]{36})\"")
                .matcher(pricing.body()).results().findFirst().orElseThrow().group(1);
        HttpResponse<String> checkout = browser.send(HttpRequest.newBuilder(URI.create(site + "/pricing/checkout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("plan=supporter-monthly&requestKey=" + requestKey + "&_csrf="
                        + formToken(pricing.body()))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(302);
        assertThat(checkout.headers().firstValue("Location").orElseThrow()).startsWith("https://checkout.stripe.com/c/pay/cs_test_");
        HttpResponse<String> once = browser.send(HttpRequest.newBuilder(URI.create(site + "/pricing/support"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("amount=5.50&currency=eur&requestKey=" + requestKey + "&_csrf="
                        + formToken(pricing.body()))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(once.statusCode()).as(once.body()).isEqualTo(302);
        assertThat(once.headers().firstValue("Location").orElseThrow()).startsWith("https://checkout.stripe.com/c/pay/cs_test_");
        assertThat(follow(browser, URI.create(site + "/me/billing")).body()).contains("<h1>Billing</h1>")
                .contains("You have no active plan");

        // Chat without script: a room opened and a message sent with plain forms; the same form sent twice stores once.
        HttpResponse<String> rooms = follow(browser, URI.create(site + "/chat"));
        HttpResponse<String> opened = browser.send(HttpRequest.newBuilder(URI.create(site + "/chat/rooms"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=Plain+forms&topic=&kind=PUBLIC&_csrf="
                        + formToken(rooms.body()))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(302);
        String room = URI.create(site).resolve(opened.headers().firstValue("Location").orElseThrow()).getPath();
        assertThat(room).matches("/chat/rooms/[0-9a-f-]{36}");
        HttpResponse<String> roomPage = follow(browser, URI.create(site + room));
        String messageKey = java.util.regex.Pattern.compile("name=\"requestKey\" value=\"([0-9a-f-]{36})\"")
                .matcher(roomPage.body()).results().findFirst().orElseThrow().group(1);
        for (int attempt = 0; attempt < 2; attempt++) {
            HttpResponse<String> sent = browser.send(HttpRequest.newBuilder(URI.create(site + room + "/messages"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("body=Sent+without+script&requestKey=" + messageKey
                            + "&_csrf=" + formToken(roomPage.body()))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        }
        assertThat(follow(browser, URI.create(site + room)).body().split("Sent without script", -1))
                .as("the double submit stored one message").hasSize(2);
        // A room where someone wrote and then erased their data still shows, their messages without a name.
        assertThat(erasedSendersRoom).as("test 6 made it").isNotNull();
        HttpResponse<String> joined = browser.send(HttpRequest.newBuilder(URI.create(site + "/chat/rooms/" + erasedSendersRoom
                        + "/join")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + formToken(roomPage.body()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(302);
        HttpResponse<String> erasedRoom = follow(browser, URI.create(site + "/chat/rooms/" + erasedSendersRoom));
        assertThat(erasedRoom.statusCode()).isEqualTo(200);
        assertThat(erasedRoom.body()).contains("Former member").doesNotContain("a line of mine");

        // A signed-in visitor's session cannot be ended by a post without the form's token (another site's form).
        HttpResponse<String> forgedOut = browser.send(HttpRequest.newBuilder(URI.create(site + "/me/sign-out"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forgedOut.statusCode()).as("signed in, no form token").isEqualTo(403);
        assertThat(follow(browser, URI.create(site + "/me")).statusCode()).as("still signed in").isEqualTo(200);
        String siteSession = ((java.net.CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies()
                .stream().filter(c -> c.getName().equals("XAOS_SESSION")).findFirst().orElseThrow().getValue();

        HttpResponse<String> out = browser.send(HttpRequest.newBuilder(URI.create(site + "/me/sign-out"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + formToken(me.body()))).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> home = follow(browser, URI.create(site).resolve(out.headers().firstValue("Location").orElseThrow()));
        assertThat(home.uri().toString()).isEqualTo(site + "/");
        assertThat(follow(browser, URI.create(site + "/me")).uri().getPath()).as("signed out of both").isEqualTo("/auth/login");
        HttpResponse<String> replayed = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(3)).build().send(HttpRequest.newBuilder(URI.create(site + "/me"))
                        .header("Cookie", "XAOS_SESSION=" + siteSession).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.statusCode()).as("the old session cookie, replayed, is ended on the server").isEqualTo(302);
    }


    @Test
    @Order(9)
    void aVisitorsBannerChoiceIsRecordedWithTheirGpcSignalAndOpensNoSession() throws Exception {
        java.net.CookieManager jar = new java.net.CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(jar).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(3)).build();
        HttpResponse<String> home = browser.send(HttpRequest.newBuilder(URI.create(site() + "/"))
                .header("Accept", "text/html").header("Sec-GPC", "1").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(home.body()).contains("class=\"consent-banner\"").contains("Global Privacy Control signal is honoured");

        HttpResponse<String> decided = browser.send(HttpRequest.newBuilder(URI.create(site() + "/privacy/consents"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-GPC", "1")
                .POST(HttpRequest.BodyPublishers.ofString("all=accept&returnTo=%2Fblog&_csrf=" + formToken(home.body())))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(302);
        assertThat(decided.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/blog"));

        assertThat(follow(browser, URI.create(site() + "/")).body()).as("decided: no banner").doesNotContain("consent-banner");
        String privacy = follow(browser, URI.create(site() + "/privacy")).body();
        assertThat(privacy).containsPattern("name=\"decision\\.analytics\" value=\"GRANTED\"[^>]*checked")
                .as("accepted, but GPC refuses sale and sharing")
                .containsPattern("name=\"decision\\.sale-sharing\" value=\"DENIED\"[^>]*checked");
        assertThat(jar.getCookieStore().getCookies()).extracting(java.net.HttpCookie::getName)
                .as("an anonymous visitor's forms need no session").doesNotContain("XAOS_SESSION")
                .contains("XAOS_CONSENT", "XSRF-TOKEN");
    }
}
