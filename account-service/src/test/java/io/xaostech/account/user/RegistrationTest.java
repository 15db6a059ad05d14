package io.xaostech.account.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.account.SignInForm;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.test.TestHttp;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sign-up, the verification mail (read from the development mailbox), verification and the first sign-in. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistrationTest {

    private static final String PASSWORD = "a long and unusual passphrase";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestHttp http;
    private String email;
    private String serviceToken;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        email = "new-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(http.uri("/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "svc-webfront:dev-only-webfront-service-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=internal")));
        serviceToken = JsonPath.read(token.body(), "$.access_token");
    }

    @Test
    void signUpVerifyThenSignIn() throws Exception {
        HttpResponse<String> registered = register(email, "New Reader", PASSWORD);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
        assertThat(signIn(email, PASSWORD)).as("no sign-in before verification").contains("error");

        String token = verificationTokenFromMail();
        HttpResponse<String> verified = post("/api/v1/account/email-verifications", "{\"token\":\"" + token + "\"}");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(204);

        assertThat(signIn(email, PASSWORD)).doesNotContain("error");
        assertProblem(post("/api/v1/account/email-verifications", "{\"token\":\"" + token + "\"}"), 400,
                ProblemType.INVALID_REQUEST);
    }

    @Test
    void aKnownAddressGetsTheSameAnswerAndNoSecondAccount() {
        HttpResponse<String> first = register(email, "Reader", PASSWORD);
        HttpResponse<String> second = register(email.toUpperCase(), "Impostor", "another unusual passphrase");

        assertThat(second.statusCode()).isEqualTo(first.statusCode()).isEqualTo(202);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(jdbc.sql("select count(*) from users where lower(email) = ?").param(email).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(mailSubjects()).containsExactly("Your XAOSTECH account", "Confirm your XAOSTECH account");
    }

    @Test
    void weakPasswordsAreRefusedNamingThePassword() {
        for (String weak : List.of("short", "password123", "x".repeat(129))) {
            HttpResponse<String> response = register(email, "Reader", weak);
            assertProblem(response, 400, ProblemType.INVALID_REQUEST);
            assertThat(response.body()).contains("\"field\":\"password\"");
        }
        assertProblem(register(email, "Reader", email), 400, ProblemType.INVALID_REQUEST);
        assertThat(jdbc.sql("select count(*) from users where lower(email) = ?").param(email).query(Integer.class).single())
                .isZero();
    }

    @Test
    void badFieldsAreProblemsAndOddButValidTextIsStoredAsGiven() {
        assertThat(register("not-an-email", "Reader", PASSWORD).body()).contains("\"field\":\"email\"");
        assertThat(register(email, "x".repeat(10_000), PASSWORD).body()).contains("\"field\":\"displayName\"");
        assertProblem(post("/api/v1/account/registrations", "{\"email\":"), 400, ProblemType.BAD_REQUEST);

        String sneaky = "Robert'); DROP TABLE users;--";
        assertThat(register(email, sneaky, PASSWORD).statusCode()).isEqualTo(202);
        assertThat(jdbc.sql("select display_name from users where lower(email) = ?").param(email)
                .query(String.class).single()).isEqualTo(sneaky);
    }

    @Test
    void unknownVerificationTokenIsAProblem() {
        assertProblem(post("/api/v1/account/email-verifications", "{\"token\":\"nope\"}"), 400,
                ProblemType.INVALID_REQUEST);
    }

    private HttpResponse<String> register(String address, String name, String password) {
        return post("/api/v1/account/registrations", "{\"email\":\"" + address + "\",\"displayName\":\"" + name
                + "\",\"password\":\"" + password + "\"}");
    }

    private String verificationTokenFromMail() {
        String body = JsonPath.read(mailbox().body(), "$[0].body");
        Matcher token = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(body);
        assertThat(token.find()).as(body).isTrue();
        return token.group(1);
    }

    private List<String> mailSubjects() {
        return JsonPath.read(mailbox().body(), "$[*].subject");
    }

    private HttpResponse<String> mailbox() {
        HttpResponse<String> inbox = http.send(HttpRequest.newBuilder(http.uri("/internal/dev/mailbox?to="
                + URLEncoder.encode(email, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + serviceToken).GET());
        assertThat(inbox.statusCode()).as(inbox.body()).isEqualTo(200);
        return inbox;
    }

    private String signIn(String address, String password) throws Exception {
        return new SignInForm(port).signIn(address, password);
    }

    private HttpResponse<String> post(String path, String json) {
        return http.send(HttpRequest.newBuilder(http.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static void assertProblem(HttpResponse<String> response, int status, ProblemType type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat((String) JsonPath.read(response.body(), "$.type")).isEqualTo(type.uri().toString());
    }
}
