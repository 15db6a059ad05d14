package io.xaostech.account.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.platform.test.TestHttp;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Sign-in limits, driven through the real form. Client addresses are given as X-Forwarded-For, as the gateway
 * sends them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginThrottleTest {

    private static final String PASSWORD = "the right passphrase";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    private String email;
    private String attackerIp;

    @BeforeEach
    void aUser() {
        email = "target-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        attackerIp = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
        user(email);
    }

    @Test
    void guessingOneAccountFromOneAddressLocksOnlyThatPair() throws Exception {
        for (int i = 0; i < LoginThrottle.PAIR_FAILURES_BEFORE_LOCK; i++) {
            assertThat(signIn(email, "wrong guess " + i, attackerIp)).contains("error");
        }

        assertThat(signIn(email, PASSWORD, attackerIp)).as("locked for the guessing address").contains("error");
        assertThat(signIn(email, PASSWORD, "192.0.2.77")).as("the owner elsewhere still signs in")
                .doesNotContain("error");
        String other = "bystander-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        user(other);
        assertThat(signIn(other, PASSWORD, attackerIp)).as("other accounts from that address too")
                .doesNotContain("error");
    }

    @Test
    void unknownEmailAndWrongPasswordLookTheSame() throws Exception {
        String wrongPassword = page(signIn(email, "not it", "192.0.2.10"));
        String unknownUser = page(signIn("nobody-" + UUID.randomUUID() + "@example.test", "whatever", "192.0.2.11"));

        assertThat(wrongPassword).isEqualTo(unknownUser).contains("The email or password is wrong");
    }

    private void user(String address) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("insert into users (id, email, email_verified, display_name, password_hash) values (?::uuid, ?, true, 'T', ?)")
                .params(id, address, passwords.encode(PASSWORD)).update();
        jdbc.sql("insert into user_roles (user_id, role) values (?::uuid, 'USER')").param(id).update();
    }

    /** Signs in from an address; answers where the browser is sent next. */
    private String signIn(String address, String password, String clientIp) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        TestHttp http = new TestHttp(port);
        String form = browser.send(HttpRequest.newBuilder(http.uri("/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).as(form).isTrue();
        String body = "username=" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        return browser.send(HttpRequest.newBuilder(http.uri("/login")).header("X-Forwarded-For", clientIp)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .headers().firstValue("Location").orElseThrow();
    }

    private String page(String location) {
        return new TestHttp(port).get(location.startsWith("/") ? location : "/" + location).body()
                .replaceAll("name=\"_csrf\"[^>]*value=\"[^\"]+\"", "");
    }
}
