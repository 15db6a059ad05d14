package io.xaostech.webfront;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.platform.test.TestHttp;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The main site over real HTTP: the hub, its menu, images from the bucket, sign-in redirects, headers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HomePageTest {

    private static final Map<String, String> BROWSER = Map.of("Accept", "text/html");

    @LocalServerPort
    int port;

    @Test
    void homePageIsTheNavigationHubWithTheLogoAndAMenuThatWorksWithoutScript() {
        HttpResponse<String> page = new TestHttp(port).get("/", BROWSER);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
        assertThat(page.body()).contains("<title>XAOSTECH</title>")
                .contains("href=\"/blog\"", "href=\"/portfolio\"", "href=\"/chat\"", "href=\"/me\"", "href=\"/privacy\"")
                .contains("src=\"/img/XAOSTECH_LOGO.png\"")
                // The menu is a plain list of links; the script only adds the (hidden until then) toggle.
                .contains("<ul id=\"menu-list\" class=\"menu-list\">")
                .contains("aria-controls=\"menu-list\" hidden")
                .containsPattern("<script type=\"module\" src=\"/static/js/menu-[0-9a-f]{32}\\.js\"></script>")
                .doesNotContain("<script>");
        // blog does not run in this test: the page says so in place of the posts.
        assertThat(page.body()).contains("The blog cannot be reached just now");
    }

    @Test
    void theLogoIsServedFromTheImageBucketWithAnEtagAndA304() {
        TestHttp http = new TestHttp(port);
        HttpResponse<String> logo = http.get("/img/XAOSTECH_LOGO.png");
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(logo.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=604800").contains("public");
        String etag = logo.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = http.get("/img/XAOSTECH_LOGO.png", Map.of("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(http.get("/img/NOPE.png", BROWSER).statusCode()).isEqualTo(404);
        assertThat(http.get("/img/page.html", BROWSER).statusCode()).as("only image names").isEqualTo(404);
        assertThat(http.get("/img/.env.png", BROWSER).statusCode()).isEqualTo(404);
    }

    @Test
    void staticFilesAreHashedAndImmutableAndUnknownPagesAreFriendly404s() {
        TestHttp http = new TestHttp(port);
        String html = http.get("/", BROWSER).body();
        Matcher css = Pattern.compile("href=\"(/static/css/site-[0-9a-f]{32}\\.css)\"").matcher(html);
        assertThat(css.find()).isTrue();
        assertThat(http.get(css.group(1)).headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
        assertThat(http.get("/static/css/site.css").statusCode()).as("never under the plain, uncacheable name")
                .isEqualTo(404);
        HttpResponse<String> missing = http.get("/no-such-page", BROWSER);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("This page is not here");
    }

    @Test
    void accountPagesSendTheVisitorToAccountsSignInWithPkce() throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new java.net.CookieManager()).build();
        HttpResponse<String> me = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/me"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(302);
        String cookie = me.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("XAOS_SESSION=").contains("HttpOnly").contains("SameSite=Lax");
        String start = me.headers().firstValue("Location").orElseThrow();
        assertThat(start).endsWith("/me/oauth2/authorization/account");
        HttpResponse<String> toAccount = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port)
                .resolve(start)).build(), HttpResponse.BodyHandlers.ofString());
        String authorize = URLDecoder.decode(toAccount.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(authorize).startsWith("http://localhost:8080/auth/oauth2/authorize?")
                .contains("response_type=code", "client_id=webfront", "code_challenge_method=S256", "code_challenge=",
                        "state=", "nonce=", "redirect_uri=http://localhost:" + port + "/me/oauth2/code/account");
    }

    @Test
    void chatIsForSignedInVisitorsAndItsLiveConnectionOpensOnlyForThemFromTheSitesOwnPages() throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (String page : new String[] {"/chat", "/chat/rooms/" + java.util.UUID.randomUUID()}) {
            HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + page))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(page).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/me/oauth2/authorization/account");
        }
        assertThat(handshake("http://localhost:8080")).as("no signed-in session: opened, then closed as signed out")
                .isEqualTo(4403);
        assertThat(handshake("http://elsewhere.example")).as("another site's page").isEqualTo(403);
    }

    /**
     * What a WebSocket handshake to the chat relay comes to: the status it is refused with, or the code the
     * opened connection is closed with.
     */
    private int handshake(String origin) throws Exception {
        java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        try {
            HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin).subprotocols("xaos-chat.v1")
                    .buildAsync(URI.create("ws://localhost:" + port + "/chat/live"), new java.net.http.WebSocket.Listener() {
                        @Override
                        public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket socket, int code,
                                                                             String reason) {
                            closed.complete(code);
                            return null;
                        }
                    }).get(10, java.util.concurrent.TimeUnit.SECONDS);
            return closed.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    @Test
    void thePrivacyCentreSaysSoWhenDataCannotBeReachedAndDecisionsNeedTheFormsToken() {
        TestHttp http = new TestHttp(port);
        HttpResponse<String> privacy = http.get("/privacy", BROWSER);
        assertThat(privacy.statusCode()).isEqualTo(503);
        assertThat(privacy.body()).contains("Privacy settings cannot be reached just now")
                .contains("to get a copy of your data or to have it erased");
        assertThat(http.get("/", BROWSER).body()).as("no banner for choices that could not be recorded")
                .doesNotContain("consent-banner");
        assertThat(http.send(HttpRequest.newBuilder(http.uri("/privacy/consents"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("all=accept&returnTo=/"))).statusCode()).isEqualTo(403);
    }

    @Test
    void theLanguageSwitchRemembersAnOfferedLanguageAndReturnsToThePageOnly() throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> chosen = switchLanguage(browser, "lang=es&returnTo=%2Fblog%3Ftag%3Djava", "same-origin");
        assertThat(chosen.statusCode()).isEqualTo(302);
        assertThat(chosen.headers().firstValue("Location").orElseThrow()).endsWith("/blog?tag=java");
        assertThat(chosen.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("XAOS_LANG=es;")
                .contains("HttpOnly").contains("SameSite=Lax");

        HttpResponse<String> unknown = switchLanguage(browser, "lang=xx&returnTo=%2F%2Fevil.example", "same-origin");
        assertThat(unknown.headers().firstValue("Set-Cookie")).as("not a language on offer").isEmpty();
        assertThat(unknown.headers().firstValue("Location").orElseThrow()).as("never to another site")
                .endsWith("localhost:" + port + "/");
        assertThat(switchLanguage(browser, "lang=es&returnTo=%2Fblog%3Ftag%3D%7Bx%7D", "same-origin").statusCode())
                .as("braces in the page's address are not a template").isEqualTo(302);

        for (String from : new String[] {"cross-site", "same-site", null}) {
            HttpResponse<String> foreign = switchLanguage(browser, "lang=es&returnTo=%2F", from);
            assertThat(foreign.statusCode()).as("a form sent from " + from).isEqualTo(403);
            assertThat(foreign.headers().firstValue("Set-Cookie")).as("sent from " + from).isEmpty();
        }
        // A browser on a plain-HTTP address sends no fetch metadata, but always an Origin with a POST.
        HttpResponse<String> ownOrigin = browser.send(languageForm("lang=es&returnTo=%2F")
                .header("Origin", "http://localhost:" + port).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ownOrigin.statusCode()).as("the site's own origin").isEqualTo(302);
        HttpResponse<String> otherOrigin = browser.send(languageForm("lang=es&returnTo=%2F")
                .header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(otherOrigin.statusCode()).as("another origin").isEqualTo(403);
        HttpResponse<String> byGet = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/language?lang=es&returnTo=%2F")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(byGet.statusCode()).as("a GET changes nothing").isEqualTo(405);
        assertThat(byGet.headers().firstValue("Set-Cookie")).isEmpty();

        // lingua does not run in this test: the page stays English, and says so in its lang attribute.
        HttpResponse<String> home = new TestHttp(port).get("/", Map.of("Accept", "text/html", "Cookie", "XAOS_LANG=es"));
        assertThat(home.body()).contains("<html lang=\"en\">").contains("Where to go")
                .contains("name=\"lang\" value=\"es\"").contains(">Español</button>");
    }

    @Test
    void aSignInThatDidNotCompleteShowsAPageInsteadOfStartingAgain() {
        HttpResponse<String> callback = new TestHttp(port).get("/me/oauth2/code/account?code=forged&state=forged", BROWSER);
        assertThat(callback.statusCode()).isEqualTo(401);
        assertThat(callback.body()).contains("Sign-in did not complete");
    }

    @Test
    void publicPagesAreRevalidatedWithTheirEtag() {
        TestHttp http = new TestHttp(port);
        HttpResponse<String> first = http.get("/", BROWSER);
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(http.get("/", Map.of("Accept", "text/html", "If-None-Match", etag)).statusCode()).isEqualTo(304);
    }

    @Test
    void blogPagesSayTheBlogIsUnavailableWhenItIsDownAndRefuseBadInputFirst() {
        TestHttp http = new TestHttp(port);
        HttpResponse<String> list = http.get("/blog", BROWSER);
        assertThat(list.statusCode()).isEqualTo(503);
        assertThat(list.body()).contains("This part of the site is unavailable just now");
        assertThat(http.get("/blog?tag=Not%20A%20Tag", BROWSER).statusCode()).isEqualTo(400);
        assertThat(http.get("/blog?tag&cursor=abc", BROWSER).statusCode()).as("an empty tag is no tag, as links make it")
                .isEqualTo(503);
        assertThat(http.get("/blog/search?q=" + "x".repeat(201), BROWSER).statusCode()).isEqualTo(400);
        assertThat(http.get("/blog/Not_A_Slug", BROWSER).statusCode()).isEqualTo(404);
        assertThat(http.get("/blog/search", BROWSER).statusCode()).as("an empty search asks blog nothing")
                .isEqualTo(200);
    }

    @Test
    void commentingNeedsTheFormsCsrfTokenAndASignedInVisitor() {
        HttpResponse<String> forged = new TestHttp(port).call("POST", "/blog/some-post/comments", null, null);
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> signIn = new TestHttp(port).get("/blog/some-post/sign-in", BROWSER);
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElseThrow()).endsWith("/me/oauth2/authorization/account");
    }

    @Test
    void signingInThroughAnUnknownProviderIsNoServerError() {
        HttpResponse<String> unknown = new TestHttp(port).get("/me/oauth2/authorization/nonsense", BROWSER);
        assertThat(unknown.statusCode()).as("sent to sign in, not a 500").isEqualTo(302);
        assertThat(unknown.headers().firstValue("Location").orElseThrow()).endsWith("/me/oauth2/authorization/account");
        assertThat(new TestHttp(port).get("/me/oauth2/authorizatio%6E/nonsense", BROWSER).statusCode()).as("encoded")
                .isEqualTo(302);
        assertThat(new TestHttp(port).get("/me/oauth2/authorization/account", BROWSER).statusCode())
                .as("the known one starts").isEqualTo(302);
    }

    @Test
    void pricingIsPublicAndSaysSoWhenPaymentsCannotBeReached() {
        TestHttp http = new TestHttp(port);
        HttpResponse<String> pricing = http.get("/pricing", BROWSER);
        assertThat(pricing.statusCode()).isEqualTo(200);
        assertThat(pricing.body()).contains("Become a supporter").contains("Plans cannot be shown just now");
        assertThat(http.call("POST", "/pricing/checkout", null, null).statusCode()).as("no CSRF token").isEqualTo(403);
        HttpResponse<String> signIn = http.get("/pricing/sign-in", BROWSER);
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElseThrow()).endsWith("/me/oauth2/authorization/account");
    }

    @Test
    void signingOutNeedsTheFormsCsrfToken() {
        HttpResponse<String> forged = new TestHttp(port).call("POST", "/me/sign-out", null, null);
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void pagesCarryTheSecurityHeaders() {
        HttpResponse<String> page = new TestHttp(port).get("/", BROWSER);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'")
                .doesNotContain("unsafe-inline")
                .as("the redirect after Subscribe goes to Stripe, and browsers check form-action on it")
                .contains("form-action 'self' https://checkout.stripe.com https://billing.stripe.com");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).isPresent();
    }

    private HttpRequest.Builder languageForm(String form) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/language"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
    }

    private HttpResponse<String> switchLanguage(HttpClient browser, String form, String fetchSite) throws Exception {
        HttpRequest.Builder request = languageForm(form);
        if (fetchSite != null) {
            request.header("Sec-Fetch-Site", fetchSite);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
