package io.xaostech.account.social;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.account.AccountApiTestBase;
import io.xaostech.account.SignInForm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in with GitHub through Spring's OAuth2 client against a local server speaking GitHub's OAuth endpoints
 * (authorize redirect, token exchange, /user).
 */
class GitHubSignInTest extends AccountApiTestBase {

    private static final FakeGitHub GITHUB = new FakeGitHub();

    @DynamicPropertySource
    static void github(DynamicPropertyRegistry registry) {
        String provider = "spring.security.oauth2.client.provider.github.";
        registry.add(provider + "authorization-uri", () -> GITHUB.url() + "/login/oauth/authorize");
        registry.add(provider + "token-uri", () -> GITHUB.url() + "/login/oauth/access_token");
        registry.add(provider + "user-info-uri", () -> GITHUB.url() + "/user");
    }

    @AfterAll
    static void stop() {
        GITHUB.close();
    }

    @Test
    void aNewGitHubUserGetsAnAccountAndComesBackToTheSameOne() throws Exception {
        long id = GITHUB.user("octo-" + UUID.randomUUID().toString().substring(0, 6) + "@example.test");

        assertThat(signInWithGitHub(new SignInForm(port).browser())).doesNotContain("error");
        String user = identityOwner(id);
        assertThat(user).isNotNull();
        assertThat(signInWithGitHub(new SignInForm(port).browser())).doesNotContain("error");
        assertThat(identityOwner(id)).isEqualTo(user);
        assertThat(jdbc.sql("select count(*) from user_identities where user_id = ?::uuid").param(user)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anExistingAccountsEmailIsNeverMergedInto() throws Exception {
        String email = "taken-" + UUID.randomUUID().toString().substring(0, 6) + "@example.test";
        api.newUser(email, "the owner's passphrase");
        long id = GITHUB.user(email);

        assertThat(signInWithGitHub(new SignInForm(port).browser())).contains("error");
        assertThat(identityOwner(id)).isNull();
    }

    @Test
    void aSignedInUserLinksGitHubToTheirAccount() throws Exception {
        String email = "linker-" + UUID.randomUUID().toString().substring(0, 6) + "@example.test";
        String user = api.newUser(email, "my linking passphrase");
        long id = GITHUB.user("other-" + UUID.randomUUID().toString().substring(0, 6) + "@example.test");
        SignInForm form = new SignInForm(port);
        assertThat(form.signIn(email, "my linking passphrase")).doesNotContain("error");

        assertThat(signInWithGitHub(form.browser())).doesNotContain("error");

        assertThat(identityOwner(id)).isEqualTo(user);
    }

    @Test
    void aRedirectFromTheProvidersUserEndpointIsNotFollowed() throws Exception {
        long id = GITHUB.user("moved-" + UUID.randomUUID().toString().substring(0, 6) + "@example.test");
        try (Elsewhere elsewhere = new Elsewhere()) {
            GITHUB.redirect("/user", elsewhere.url() + "/user");
            try {
                assertThat(signInWithGitHub(new SignInForm(port).browser())).contains("error");
            } finally {
                GITHUB.redirect("/user", null);
            }
            assertThat(elsewhere.calls()).as("requests that reached the redirect's target").isZero();
        }
        assertThat(identityOwner(id)).isNull();
    }

    @Test
    void anUnknownProviderIsNotFoundNotAServerError() {
        assertThat(api.http().get("/oauth2/authorization/nonsense").statusCode()).isEqualTo(404);
        assertThat(api.http().get("/oauth2/authorizatio%6E/nonsense").statusCode()).as("encoded").isEqualTo(404);
        assertThat(api.http().get("/oauth2/authorization/github").statusCode()).as("a known one starts").isEqualTo(302);
    }

    private String identityOwner(long githubId) {
        return jdbc.sql("select user_id::text from user_identities where provider = 'github' and subject = ?")
                .param(String.valueOf(githubId)).query(String.class).optional().orElse(null);
    }

    /** Follows the redirects of a GitHub sign-in by hand; answers where account sends the browser at the end. */
    private String signInWithGitHub(HttpClient browser) throws Exception {
        String toGitHub = location(browser, api.http().uri("/oauth2/authorization/github"));
        assertThat(toGitHub).startsWith(GITHUB.url() + "/login/oauth/authorize");
        String back = location(browser, URI.create(toGitHub));
        assertThat(back).contains("/login/oauth2/code/github?code=");
        return location(browser, URI.create(back));
    }

    private static String location(HttpClient browser, URI uri) throws Exception {
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                response.statusCode() + " " + response.body()));
    }

    /** Just enough of GitHub's OAuth web flow and REST API for one signed-in user at a time. */
    static final class FakeGitHub extends FakeProvider {

        private volatile long userId;
        private volatile String email;

        FakeGitHub() {
            authorizeAt("/login/oauth/authorize", request -> { });
            jsonAt("/login/oauth/access_token",
                    () -> "{\"access_token\":\"gho_fake\",\"token_type\":\"bearer\",\"scope\":\"read:user,user:email\"}");
            jsonAt("/user", () -> "{\"id\":" + userId + ",\"login\":\"octo\",\"name\":\"Octo Cat\",\"email\":\""
                    + email + "\"}");
            start();
        }

        /** The next user GitHub will say signed in; answers their GitHub id. */
        long user(String email) {
            this.email = email;
            this.userId = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
            return userId;
        }
    }
}
