package io.xaostech.account.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.account.SignInForm;
import io.xaostech.platform.test.TestHttp;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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

    @Test
    void aSignInPostWithoutTheCsrfTokenIsRefused() {
        TestHttp http = new TestHttp(port);
        var response = http.send(java.net.http.HttpRequest.newBuilder(http.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=" + email + "&password=" + PASSWORD)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
    }

    private void user(String address) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("insert into users (id, email, email_verified, display_name, password_hash) values (?::uuid, ?, true, 'T', ?)")
                .params(id, address, passwords.encode(PASSWORD)).update();
        jdbc.sql("insert into user_roles (user_id, role) values (?::uuid, 'USER')").param(id).update();
    }

    private String signIn(String address, String password, String clientIp) throws Exception {
        return new SignInForm(port).signIn(address, password, clientIp);
    }

    private String page(String location) {
        return new TestHttp(port).get(location.startsWith("/") ? location : "/" + location).body()
                .replaceAll("name=\"_csrf\"[^>]*value=\"[^\"]+\"", "");
    }
}
