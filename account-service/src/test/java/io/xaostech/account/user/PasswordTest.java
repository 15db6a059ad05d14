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
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class PasswordTest extends AccountApiTestBase {

    private static final String OLD = "the old passphrase here";
    private static final String NEW = "a brand new passphrase";

    private String user;
    private String email;

    @BeforeEach
    void aUser() {
        email = "pw-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        user = api.newUser(email, OLD);
        jdbc.sql("insert into oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type) "
                + "values (?, 'webfront', ?, 'authorization_code')").params(UUID.randomUUID().toString(), user).update();
    }

    @Test
    void changingNeedsTheCurrentPasswordAndEndsOtherSessions() {
        String token = api.userToken(user);
        AccountFixture.assertProblem(api.post("/api/v1/account/me/password", token,
                "{\"currentPassword\":\"wrong one\",\"newPassword\":\"" + NEW + "\"}"), 403, ProblemType.FORBIDDEN);
        HttpResponse<String> weak = api.post("/api/v1/account/me/password", token,
                "{\"currentPassword\":\"" + OLD + "\",\"newPassword\":\"password123\"}");
        AccountFixture.assertProblem(weak, 400, ProblemType.INVALID_REQUEST);
        assertThat(weak.body()).contains("\"field\":\"newPassword\"");

        assertThat(api.post("/api/v1/account/me/password", token,
                "{\"currentPassword\":\"" + OLD + "\",\"newPassword\":\"" + NEW + "\"}").statusCode()).isEqualTo(204);

        assertThat(passwords.matches(NEW, hash())).isTrue();
        assertThat(authorizations()).isZero();
    }

    @Test
    void resetByMailedTokenOnceAndTheSameAnswerForUnknownAddresses() {
        HttpResponse<String> known = api.post("/api/v1/account/password-resets", null, "{\"email\":\"" + email + "\"}");
        HttpResponse<String> unknown = api.post("/api/v1/account/password-resets", null,
                "{\"email\":\"nobody-" + UUID.randomUUID() + "@example.test\"}");
        assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(202);
        assertThat(known.body()).isEqualTo(unknown.body());

        String token = api.tokenFromMail(email);
        HttpResponse<String> common = api.post("/api/v1/account/password-resets/confirm", null,
                "{\"token\":\"" + token + "\",\"newPassword\":\"password123\"}");
        AccountFixture.assertProblem(common, 400, ProblemType.INVALID_REQUEST);
        assertThat(common.body()).as("a common password on reset").contains("\"field\":\"newPassword\"");
        assertThat(api.post("/api/v1/account/password-resets/confirm", null,
                "{\"token\":\"" + token + "\",\"newPassword\":\"" + NEW + "\"}").statusCode()).as("the token still works")
                .isEqualTo(204);
        assertThat(passwords.matches(NEW, hash())).isTrue();
        assertThat(authorizations()).isZero();
        AccountFixture.assertProblem(api.post("/api/v1/account/password-resets/confirm", null,
                "{\"token\":\"" + token + "\",\"newPassword\":\"yet another passphrase\"}"), 400, ProblemType.INVALID_REQUEST);
    }

    @Test
    void resetMailsAreLimitedPerAddress() {
        for (int i = 0; i < PasswordService.RESETS_PER_HOUR + 2; i++) {
            assertThat(api.post("/api/v1/account/password-resets", null, "{\"email\":\"" + email + "\"}").statusCode())
                    .isEqualTo(202);
        }
        assertThat((List<?>) JsonPath.read(api.mailbox(email), "$")).hasSize(PasswordService.RESETS_PER_HOUR);
    }

    @Test
    void anOlderHashIsUpgradedAtSignIn() throws Exception {
        jdbc.sql("update users set password_hash = ? where id = ?::uuid")
                .params("{bcrypt}" + new BCryptPasswordEncoder().encode(OLD), user).update();

        assertThat(new SignInForm(port).signIn(email, OLD)).doesNotContain("error");

        assertThat(hash()).startsWith("{argon2id}");
        assertThat(passwords.matches(OLD, hash())).isTrue();
    }

    private String hash() {
        return jdbc.sql("select password_hash from users where id = ?::uuid").param(user).query(String.class).single();
    }

    private int authorizations() {
        return jdbc.sql("select count(*) from oauth2_authorization where principal_name = ?").param(user)
                .query(Integer.class).single();
    }





}
