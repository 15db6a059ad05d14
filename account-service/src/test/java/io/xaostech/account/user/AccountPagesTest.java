package io.xaostech.account.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.account.AccountApiTestBase;
import io.xaostech.account.SignInForm;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sign-up and reset pages, used as a browser would: forms with CSRF tokens, links from the mail. */
class AccountPagesTest extends AccountApiTestBase {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private SignInForm browser;
    private String email;

    @BeforeEach
    void setUp() {
        browser = new SignInForm(port);
        email = "page-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    @Test
    void signUpThroughThePagesThenSignIn() throws Exception {
        HttpResponse<String> weak = submit("/register", Map.of("email", email, "displayName", "Pager", "password", "password123"));
        assertThat(weak.body()).contains("most commonly used passwords").contains("value=\"" + email + "\"");

        HttpResponse<String> done = submit("/register", Map.of("email", email, "displayName", "Pager",
                "password", "a page made passphrase"));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Check your mailbox");

        String link = api.linkFromMail(email);
        assertThat(link).startsWith(properties.users().verifyEmailLink());
        String token = link.substring(link.indexOf("token=") + "token=".length());
        HttpResponse<String> opened = browser.browser().send(HttpRequest.newBuilder(
                api.http().uri(link.substring(link.indexOf("/verify-email")))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opened.body()).as("opening the link only asks").contains("Confirm my address")
                .contains("value=\"" + token + "\"");
        assertThat(emailVerified()).as("a GET changes nothing").isFalse();
        HttpResponse<String> verified = submit("/verify-email", Map.of("token", token));
        assertThat(verified.body()).contains("Address confirmed");
        assertThat(emailVerified()).isTrue();
        assertThat(browser.signIn(email, "a page made passphrase")).doesNotContain("error");
    }

    @Test
    void pagesCarryAStrictPolicyAndHstsOnceServedOverHttps() throws Exception {
        HttpResponse<String> overHttps = browser.browser().send(HttpRequest.newBuilder(api.http().uri("/login"))
                .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());
        String policy = overHttps.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("object-src 'none'").contains("frame-ancestors 'none'").contains("default-src 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(overHttps.body()).doesNotContain("<style").doesNotContain("<script").doesNotContain("style=");
        String hsts = overHttps.headers().firstValue("Strict-Transport-Security").orElseThrow();
        Matcher maxAge = Pattern.compile("max-age=(\\d+)").matcher(hsts);
        assertThat(maxAge.find()).isTrue();
        assertThat(Long.parseLong(maxAge.group(1))).as("a year at least").isGreaterThanOrEqualTo(31_536_000L);

        HttpResponse<String> style = browser.browser().send(HttpRequest.newBuilder(api.http().uri("/css/account.css")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(style.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
    }

    @Test
    void aSignedInSessionCannotBeSignedOutByAPostWithoutTheFormsToken() throws Exception {
        api.newUser(email, "a session passphrase");
        assertThat(browser.signIn(email, "a session passphrase")).doesNotContain("error");

        HttpResponse<String> forged = browser.browser().send(HttpRequest.newBuilder(api.http().uri("/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> consent = browser.browser().send(HttpRequest.newBuilder(api.http().uri("/oauth2/consent")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(consent.headers().firstValue("Location").orElse("")).as("still signed in").doesNotEndWith("/login");
    }

    @Test
    void resetThroughThePages() throws Exception {
        api.newUser(email, "the forgotten passphrase");
        assertThat(submit("/reset-password", Map.of("email", email)).body()).contains("If the address has an account");

        String link = api.linkFromMail(email);
        assertThat(link).startsWith(properties.users().resetPasswordLink());
        String token = link.substring(link.indexOf("token=") + "token=".length());
        HttpResponse<String> form = browser.browser().send(HttpRequest.newBuilder(
                api.http().uri("/reset-password/confirm?token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.body()).contains("value=\"" + token + "\"");

        HttpResponse<String> saved = submit("/reset-password/confirm", Map.of("token", token, "password", "a remembered passphrase"));
        assertThat(saved.body()).contains("Password changed");
        assertThat(browser.signIn(email, "a remembered passphrase")).doesNotContain("error");
        assertThat(submit("/reset-password/confirm", Map.of("token", token, "password", "another passphrase")).body())
                .contains("invalid, used or expired");
    }

    private boolean emailVerified() {
        return jdbc.sql("select email_verified from users where email = ?").param(email).query(Boolean.class).single();
    }

    private HttpResponse<String> submit(String path, Map<String, String> fields) throws Exception {
        String formPage = path.equals("/reset-password/confirm") || path.equals("/verify-email") ? path + "?token=x" : path;
        String page = browser.browser().send(HttpRequest.newBuilder(api.http().uri(formPage)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).as(page).isTrue();
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")) + "&_csrf=" + csrf.group(1);
        return browser.browser().send(HttpRequest.newBuilder(api.http().uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
