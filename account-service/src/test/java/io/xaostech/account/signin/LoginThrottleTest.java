package io.xaostech.account.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.account.SignInForm;
import io.xaostech.platform.test.TestHttp;
import java.util.ArrayList;
import java.util.List;
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
    void oneAddressTryingManyAccountsIsStoppedWithoutLockingTheirOwners() throws Exception {
        String sprayer = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 255);
        for (int i = 0; i < LoginThrottle.IP_FAILURES_BEFORE_LOCK; i++) {
            signIn("stuffed-" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.test", "leaked " + i,
                    sprayer);
        }

        assertThat(signIn(email, PASSWORD, sprayer)).as("even a right pair from the spraying address").contains("error");
        assertThat(signIn(email, PASSWORD, "192.0.2.78")).as("the owner from their own address").doesNotContain("error");
    }

    @Test
    void anUnknownAddressTakesAsLongToRefuseAsAWrongPassword() throws Exception {
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        signIn(email, "warming up", randomAddress());
        signIn("nobody-" + UUID.randomUUID() + "@example.test", "warming up", randomAddress());
        for (int i = 0; i < 9; i++) {
            known.add(timed(() -> signIn(email, "not it " + UUID.randomUUID(), randomAddress())));
            unknown.add(timed(() -> signIn("nobody-" + UUID.randomUUID() + "@example.test", "not it", randomAddress())));
        }
        double ratio = (double) median(unknown) / median(known);
        assertThat(ratio).as("median time unknown/known: %s vs %s ns", unknown, known).isBetween(0.5, 2.0);
    }

    private interface Attempt {
        String run() throws Exception;
    }

    private static long timed(Attempt attempt) throws Exception {
        long start = System.nanoTime();
        assertThat(attempt.run()).contains("error");
        return System.nanoTime() - start;
    }

    private static long median(List<Long> times) {
        List<Long> sorted = times.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
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
