package io.xaostech.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.platform.test.TestHttp;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser on the sign-in form: keeps cookies, reads the CSRF token, never follows redirects by itself. */
public final class SignInForm {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final TestHttp http;
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public SignInForm(int port) {
        this.http = new TestHttp(port);
    }

    public HttpClient browser() {
        return browser;
    }

    /** Signs in from a client address; answers where the server sends the browser next. */
    public String signIn(String email, String password, String clientIp) throws IOException, InterruptedException {
        String form = browser.send(HttpRequest.newBuilder(http.uri("/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(form);
        assertThat(csrf.find()).as("sign-in form has a CSRF token").isTrue();
        String body = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        return browser.send(HttpRequest.newBuilder(http.uri("/login")).header("X-Forwarded-For", clientIp)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .headers().firstValue("Location").orElseThrow();
    }

    public String signIn(String email, String password) throws IOException, InterruptedException {
        return signIn(email, password, "192.0.2.1");
    }
}
