package io.xaostech.account.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.xaostech.account.AccountApiTestBase;
import io.xaostech.account.SignInForm;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public {@code cli} client requires consent: the user sees what it asks for in words, allows or denies it,
 * the answer is remembered, and withdrawing it revokes the client's tokens and brings the question back.
 */
class ConsentTest extends AccountApiTestBase {

    private static final String CALLBACK = "http://127.0.0.1:8400/callback";
    private static final Pattern STATE = Pattern.compile("name=\"state\"[^>]*value=\"([^\"]+)\"");

    private SignInForm browser;
    private String userId;

    @BeforeEach
    void signedIn() throws Exception {
        String email = "consenting-" + System.nanoTime() + "@example.test";
        userId = api.newUser(email, "a long enough passphrase");
        browser = new SignInForm(port);
        assertThat(authorize().headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(browser.signIn(email, "a long enough passphrase")).contains("/oauth2/authorize");
    }

    @Test
    void theUserAllowsOnceAndIsNotAskedAgain() throws Exception {
        String consentPage = consentLocation();
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri(consentPage)));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("XAOSTECH command line").contains("See your display name.")
                .contains("Stay signed in as you").doesNotContain("value=\"openid\"");

        HttpResponse<String> behindGateway = send(HttpRequest.newBuilder(uri(consentPage)).header("X-Forwarded-Prefix", "/auth"));
        assertThat(behindGateway.body()).as("the answer goes back through the gateway")
                .contains("action=\"/auth/oauth2/authorize\"");

        HttpResponse<String> allowed = decide(stateOf(page.body()), List.of("profile", "offline_access"));
        assertThat(allowed.headers().firstValue("Location").orElseThrow()).startsWith(CALLBACK).contains("code=")
                .contains("state=client-state");

        assertThat(authorize().headers().firstValue("Location").orElseThrow()).as("remembered")
                .startsWith(CALLBACK).contains("code=");
        HttpResponse<String> listed = api.get("/api/v1/account/me/consents", api.userToken(userId));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat((List<String>) JsonPath.read(listed.body(), "$[0].scopes")).containsExactly("offline_access", "openid", "profile");
        assertThat((String) JsonPath.read(listed.body(), "$[0].clientId")).isEqualTo("cli");
    }

    @Test
    void aConsentPostedWithoutThePagesStateGrantsNothing() throws Exception {
        // What another site's form could send for a signed-in user: everything but the state the consent page holds.
        consentLocation();

        HttpResponse<String> forged = decide("a-guessed-state", List.of("profile", "offline_access"));

        assertThat(forged.headers().firstValue("Location").orElse("")).as("no code for a forged consent")
                .doesNotContain("code=");
        assertThat(jdbc.sql("select count(*) from oauth2_authorization_consent where principal_name = ?")
                .param(userId).query(Integer.class).single()).as("no consent stored").isZero();
        assertThat(consentLocation()).as("still asked").contains("/oauth2/consent");
    }

    @Test
    void denyingSendsAccessDeniedBackToTheClient() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri(consentLocation())));

        HttpResponse<String> denied = decide(stateOf(page.body()), List.of());

        assertThat(denied.headers().firstValue("Location").orElseThrow()).startsWith(CALLBACK)
                .contains("error=access_denied").doesNotContain("code=");
    }

    @Test
    void withdrawingConsentRevokesTheClientsTokensAndAsksAgain() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri(consentLocation())));
        decide(stateOf(page.body()), List.of("profile"));
        assertThat(jdbc.sql("select count(*) from oauth2_authorization where principal_name = ?").param(userId)
                .query(Integer.class).single()).isPositive();

        HttpResponse<String> withdrawn = api.delete("/api/v1/account/me/consents/cli", api.userToken(userId), "");

        assertThat(withdrawn.statusCode()).isEqualTo(204);
        assertThat(jdbc.sql("select count(*) from oauth2_authorization where principal_name = ? and registered_client_id = 'cli'")
                .param(userId).query(Integer.class).single()).isZero();
        assertThat(consentLocation()).contains("/oauth2/consent");
        assertThat(api.delete("/api/v1/account/me/consents/cli", api.userToken(userId), "").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> authorize() {
        String challenge = CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier()).getValue();
        String query = "response_type=code&client_id=cli&state=client-state&code_challenge_method=S256"
                + "&code_challenge=" + challenge
                + "&scope=" + URLEncoder.encode("openid profile offline_access", StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(uri("/oauth2/authorize?" + query)).header("Accept", "text/html"));
    }

    private String consentLocation() {
        String location = authorize().headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/oauth2/consent");
        return location;
    }

    private HttpResponse<String> decide(String state, List<String> scopes) {
        StringBuilder form = new StringBuilder("client_id=cli&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
        scopes.forEach(scope -> form.append("&scope=").append(scope));
        return send(HttpRequest.newBuilder(uri("/oauth2/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    private static String stateOf(String page) {
        Matcher state = STATE.matcher(page);
        assertThat(state.find()).as(page).isTrue();
        return org.springframework.web.util.HtmlUtils.htmlUnescape(state.group(1));
    }

    private URI uri(String pathOrUrl) {
        return api.http().uri("/").resolve(pathOrUrl);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return browser.browser().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
