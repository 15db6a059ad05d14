package io.xaostech.account.mfa;

import static io.xaostech.account.AccountFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.xaostech.account.AccountApiTestBase;
import io.xaostech.account.SignInForm;
import io.xaostech.common.problem.ProblemType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user sets up an authenticator app over the API; from then on the sign-in form asks for a code after the
 * password, accepts each code once, accepts a recovery code once, and gives up after too many wrong codes.
 */
class MfaTest extends AccountApiTestBase {

    private static final String PASSWORD = "a long enough passphrase";
    private static final String CALLBACK = "http://127.0.0.1:8400/callback";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private String email;
    private String user;
    private byte[] seed;
    private List<String> recoveryCodes;

    @BeforeEach
    void aUserWithAnAuthenticator() {
        email = "mfa-" + UUID.randomUUID() + "@example.test";
        user = api.newUser(email, PASSWORD);
        String token = api.userToken(user);

        HttpResponse<String> started = api.post("/api/v1/account/me/mfa/totp", token, "");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        assertThat((String) JsonPath.read(started.body(), "$.otpauthUri")).startsWith("otpauth://totp/XAOSTECH:")
                .contains("issuer=XAOSTECH");
        seed = base32((String) JsonPath.read(started.body(), "$.secret"));
        assertThat(jdbc.sql("select secret from user_totp where user_id = ?::uuid").param(user).query(String.class).single())
                .as("the seed is stored encrypted").doesNotContain((String) JsonPath.read(started.body(), "$.secret"));
        assertProblem(api.post("/api/v1/account/me/mfa/totp/confirm", token, "{\"code\":\"000000\"}"), 400,
                ProblemType.INVALID_REQUEST);

        HttpResponse<String> confirmed = api.post("/api/v1/account/me/mfa/totp/confirm", token,
                "{\"code\":\"" + code(0) + "\"}");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        recoveryCodes = JsonPath.read(confirmed.body(), "$.recoveryCodes");
        assertThat(recoveryCodes).hasSize(Mfa.RECOVERY_CODES).allMatch(c -> c.matches("[a-z2-9]{5}-[a-z2-9]{5}"));
        assertThat(api.get("/api/v1/account/me/mfa", token).body()).contains("\"totp\":true");
    }

    @Test
    void signInNeedsACodeAfterThePasswordAndEachCodeWorksOnce() {
        SignInForm browser = startSignIn();
        assertThat(postCode(browser, "123456").headers().firstValue("Location").orElseThrow()).endsWith("/login/mfa?error");
        assertThat(authorize(browser).headers().firstValue("Location").orElseThrow())
                .as("not signed in while the code is missing").endsWith("/login");

        assertThat(signInsAudited()).as("no sign-in is recorded while the code is missing").isZero();

        SignInForm again = startSignIn();
        // One code, used twice: computed again, it could belong to the next 30-second step if one began meanwhile.
        String code = code(1);
        String resume = postCode(again, code).headers().firstValue("Location").orElseThrow();
        assertThat(signInsAudited()).isEqualTo(1);
        assertThat(resume).contains("/oauth2/authorize");
        assertThat(send(again, HttpRequest.newBuilder(uri(resume)).header("Accept", "text/html"))
                .headers().firstValue("Location").orElseThrow()).startsWith(CALLBACK).contains("code=");

        SignInForm replay = startSignIn();
        assertThat(postCode(replay, code).headers().firstValue("Location").orElseThrow())
                .as("a code that was used is refused").endsWith("/login/mfa?error");
    }

    @Test
    void aRecoveryCodeWorksOnceAndTooManyWrongCodesNeedThePasswordAgain() {
        SignInForm browser = startSignIn();
        assertThat(postCode(browser, recoveryCodes.get(0).toUpperCase()).headers().firstValue("Location").orElseThrow())
                .contains("/oauth2/authorize");

        SignInForm reuse = startSignIn();
        for (int i = 1; i < 5; i++) {
            assertThat(postCode(reuse, recoveryCodes.get(0)).headers().firstValue("Location").orElseThrow()).endsWith("?error");
        }
        assertThat(postCode(reuse, "zzzzz-zzzzz").headers().firstValue("Location").orElseThrow())
                .as("the fifth wrong code drops the waiting sign-in").endsWith("/login?error");
        assertThat(jdbc.sql("select count(*) from audit_events where type = 'MFA_FAILED' and subject = ?").param(user)
                .query(Integer.class).single()).isEqualTo(5);
    }

    @Test
    void turningItOffNeedsThePasswordAndACode() {
        String token = api.userToken(user);
        assertProblem(api.delete("/api/v1/account/me/mfa/totp", token, "{\"password\":\"wrong\",\"code\":\"" + code(1) + "\"}"),
                403, ProblemType.FORBIDDEN);

        assertThat(api.delete("/api/v1/account/me/mfa/totp", token, "{\"password\":\"" + PASSWORD + "\",\"code\":\""
                + code(1) + "\"}").statusCode()).isEqualTo(204);

        SignInForm browser = new SignInForm(port);
        send(browser, HttpRequest.newBuilder(authorizeUri()).header("Accept", "text/html"));
        assertThat(signIn(browser)).as("no second step any more").contains("/oauth2/authorize");
    }

    private int signInsAudited() {
        return jdbc.sql("select count(*) from audit_events where type = 'SIGN_IN_SUCCEEDED' and (subject = ? or subject = ?)")
                .params(user, email.toLowerCase()).query(Integer.class).single();
    }

    private SignInForm startSignIn() {
        SignInForm browser = new SignInForm(port);
        assertThat(authorize(browser).headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(signIn(browser)).endsWith("/login/mfa");
        return browser;
    }

    private String signIn(SignInForm browser) {
        try {
            return browser.signIn(email, PASSWORD);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> postCode(SignInForm browser, String code) {
        HttpResponse<String> page = send(browser, HttpRequest.newBuilder(uri("/login/mfa")));
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as(page.body()).isTrue();
        return send(browser, HttpRequest.newBuilder(uri("/login/mfa")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                        + "&_csrf=" + csrf.group(1))));
    }

    private HttpResponse<String> authorize(SignInForm browser) {
        return send(browser, HttpRequest.newBuilder(authorizeUri()).header("Accept", "text/html"));
    }

    private URI authorizeUri() {
        return uri("/oauth2/authorize?response_type=code&client_id=cli&scope=openid&state=s&code_challenge_method=S256"
                + "&code_challenge=" + CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier()).getValue()
                + "&redirect_uri=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8));
    }

    /** The authenticator's code {@code offset} steps from now. */
    private String code(int offset) {
        return Totp.code(seed, Totp.stepAt(System.currentTimeMillis() / 1000) + offset);
    }

    private URI uri(String pathOrUrl) {
        return api.http().uri("/").resolve(pathOrUrl);
    }

    private static HttpResponse<String> send(SignInForm browser, HttpRequest.Builder request) {
        try {
            return browser.browser().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
