package io.xaostech.account.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.account.AccountApiTestBase;
import io.xaostech.account.AccountFixture;
import io.xaostech.account.SignInForm;
import io.xaostech.common.problem.ProblemType;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sign-up, the verification mail (read from the development mailbox), verification and the first sign-in. */
class RegistrationTest extends AccountApiTestBase {

    private static final String PASSWORD = "a long and unusual passphrase";

    private String email;

    @BeforeEach
    void setUp() {
        email = "new-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    @Test
    void signUpVerifyThenSignIn() throws Exception {
        HttpResponse<String> registered = register(email, "New Reader", PASSWORD);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
        assertThat(signIn(email, PASSWORD)).as("no sign-in before verification").contains("error");

        String token = api.tokenFromMail(email);
        HttpResponse<String> verified = api.post("/api/v1/account/email-verifications", null, "{\"token\":\"" + token + "\"}");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(204);

        assertThat(signIn(email, PASSWORD)).doesNotContain("error");
        AccountFixture.assertProblem(api.post("/api/v1/account/email-verifications", null, "{\"token\":\"" + token + "\"}"), 400,
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
        for (String weak : List.of("short", "password123", "PeaceMaker", "x".repeat(129))) {
            HttpResponse<String> response = register(email, "Reader", weak);
            AccountFixture.assertProblem(response, 400, ProblemType.INVALID_REQUEST);
            assertThat(response.body()).contains("\"field\":\"password\"");
        }
        AccountFixture.assertProblem(register(email, "Reader", email), 400, ProblemType.INVALID_REQUEST);
        assertThat(jdbc.sql("select count(*) from users where lower(email) = ?").param(email).query(Integer.class).single())
                .isZero();
    }

    @Test
    void eightCharactersAreEnoughSevenAreNotAndLongPassphrasesAreWelcome() {
        AccountFixture.assertProblem(register(email, "Reader", "zq8#Lm2"), 400, ProblemType.INVALID_REQUEST);
        assertThat(register(email, "Reader", "zq8#Lm2x").statusCode()).as("8 characters").isEqualTo(202);
        String other = "long-" + email;
        String passphrase = "correct horse battery staple, and a few more words to reach 64+!";
        assertThat(passphrase.length()).isGreaterThanOrEqualTo(64);
        assertThat(register(other, "Reader", passphrase).statusCode()).as("64 characters and more").isEqualTo(202);
        assertThat(register("max-" + email, "Reader", "k".repeat(60) + "7#Qz" + "w".repeat(64)).statusCode())
                .as("128 characters").isEqualTo(202);
    }

    @Test
    void badFieldsAreProblemsAndOddButValidTextIsStoredAsGiven() {
        assertThat(register("not-an-email", "Reader", PASSWORD).body()).contains("\"field\":\"email\"");
        assertThat(register(email, "x".repeat(10_000), PASSWORD).body()).contains("\"field\":\"displayName\"");
        AccountFixture.assertProblem(api.post("/api/v1/account/registrations", null, "{\"email\":"), 400, ProblemType.BAD_REQUEST);

        String sneaky = "Robert'); DROP TABLE users;--";
        assertThat(register(email, sneaky, PASSWORD).statusCode()).isEqualTo(202);
        assertThat(jdbc.sql("select display_name from users where lower(email) = ?").param(email)
                .query(String.class).single()).isEqualTo(sneaky);
    }

    @Test
    void unknownVerificationTokenIsAProblem() {
        AccountFixture.assertProblem(api.post("/api/v1/account/email-verifications", null, "{\"token\":\"nope\"}"), 400,
                ProblemType.INVALID_REQUEST);
    }

    private HttpResponse<String> register(String address, String name, String password) {
        return api.post("/api/v1/account/registrations", null, "{\"email\":\"" + address + "\",\"displayName\":\"" + name
                + "\",\"password\":\"" + password + "\"}");
    }


    private List<String> mailSubjects() {
        return JsonPath.read(api.mailbox(email), "$[*].subject");
    }


    private String signIn(String address, String password) throws Exception {
        return new SignInForm(port).signIn(address, password);
    }


}
