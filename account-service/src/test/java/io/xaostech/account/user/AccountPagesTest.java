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
        HttpResponse<String> verified = browser.browser().send(HttpRequest.newBuilder(
                api.http().uri(link.substring(link.indexOf("/verify-email")))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(verified.body()).contains("Address confirmed");
        assertThat(browser.signIn(email, "a page made passphrase")).doesNotContain("error");
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

    private HttpResponse<String> submit(String path, Map<String, String> fields) throws Exception {
        String page = browser.browser().send(HttpRequest.newBuilder(api.http().uri(path.equals("/reset-password/confirm")
                ? "/reset-password/confirm?token=x" : path)).build(), HttpResponse.BodyHandlers.ofString()).body();
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
