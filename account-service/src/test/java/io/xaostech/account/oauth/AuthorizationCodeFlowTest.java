package io.xaostech.account.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.event.SessionEnded;
import io.xaostech.common.event.Topics;
import io.xaostech.common.security.Audiences;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A user signs in through a browser-like client (cookies, the sign-in form with its CSRF token, no redirects
 * followed automatically) and the webfront client completes authorization code + PKCE with the Nimbus SDK,
 * then refreshes, reads userinfo, introspects and revokes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class AuthorizationCodeFlowTest {

    private static final String REDIRECT_URI = "http://localhost:8080/me/oauth2/code/account";
    private static final ClientSecretBasic WEBFRONT =
            new ClientSecretBasic(new ClientID("webfront"), new Secret("dev-only-webfront-secret"));
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private static String issuer;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    private String userId;
    private String email;
    private final String password = "correct horse battery staple";
    private OIDCProviderMetadata provider;

    @DynamicPropertySource
    static void issuerOnAFreePort(DynamicPropertyRegistry registry) {
        issuer = IssuerOnFreePort.register(registry);
        registry.add("xaos.account.refresh-token-reuse-grace", () -> "1s");
    }

    @BeforeEach
    void aUserWhoCanSignIn() throws Exception {
        userId = UUID.randomUUID().toString();
        email = "reader-" + userId.substring(0, 8) + "@example.test";
        jdbc.sql("insert into users (id, email, email_verified, display_name, password_hash) values (?::uuid, ?, true, ?, ?)")
                .params(userId, email, "Reader", passwords.encode(password)).update();
        jdbc.sql("insert into user_roles (user_id, role) values (?::uuid, 'USER')").param(userId).update();
        provider = OIDCProviderMetadata.resolve(new Issuer(issuer));
    }

    @Test
    void authorizationCodeWithPkceThenRefreshUserinfoIntrospectAndRevoke() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        String code = signInAndAuthorize(Map.of("code_challenge", challenge(verifier), "code_challenge_method", "S256"));

        TokenResponse response = OIDCTokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(), WEBFRONT,
                new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(REDIRECT_URI), verifier))
                .toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        Tokens tokens = response.toSuccessResponse().getTokens();

        JWTClaimsSet access = SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet();
        assertThat(access.getSubject()).isEqualTo(userId);
        assertThat(access.getAudience()).containsExactly(Audiences.API);
        assertThat(access.getStringListClaim("roles")).containsExactly("USER");
        assertThat(access.getStringClaim("scope")).contains("openid");
        assertThat(((OIDCTokenResponse) response).getOIDCTokens().getIDToken()).isNotNull();
        assertThat(tokens.getRefreshToken()).isNotNull();

        UserInfoResponse userInfo = UserInfoResponse.parse(new UserInfoRequest(provider.getUserInfoEndpointURI(),
                tokens.getBearerAccessToken()).toHTTPRequest().send());
        assertThat(userInfo.indicatesSuccess()).as(() -> userInfo.toErrorResponse().getErrorObject().toJSONObject().toString()).isTrue();
        assertThat(userInfo.toSuccessResponse().getUserInfo().getSubject().getValue()).isEqualTo(userId);
        assertThat(userInfo.toSuccessResponse().getUserInfo().getName()).isEqualTo("Reader");
        JWTClaimsSet idToken = ((OIDCTokenResponse) response).getOIDCTokens().getIDToken().getJWTClaimsSet();
        assertThat(idToken.getStringClaim("name")).isEqualTo("Reader");
        assertThat(idToken.getClaim("email")).as("email scope not asked for").isNull();

        // A role granted since sign-in (a payment made them a supporter) is in the next token.
        jdbc.sql("insert into user_roles (user_id, role) values (?::uuid, 'SUPPORTER')").param(userId).update();
        Tokens refreshed = refresh(tokens.getRefreshToken());
        assertThat(refreshed.getRefreshToken().getValue()).as("refresh tokens rotate")
                .isNotEqualTo(tokens.getRefreshToken().getValue());
        assertThat(SignedJWT.parse(refreshed.getAccessToken().getValue()).getJWTClaimsSet().getStringListClaim("roles"))
                .as("roles as they are now").containsExactlyInAnyOrder("USER", "SUPPORTER");
        assertThat(refreshFails(tokens.getRefreshToken())).as("a used refresh token is refused").isTrue();

        assertThat(TokenIntrospectionResponse.parse(introspect(refreshed.getAccessToken().getValue()))
                .toSuccessResponse().isActive()).isTrue();
        var revoked = new TokenRevocationRequest(provider.getRevocationEndpointURI(), WEBFRONT,
                refreshed.getAccessToken()).toHTTPRequest().send();
        assertThat(revoked.getStatusCode()).isEqualTo(200);
        var after = introspect(refreshed.getAccessToken().getValue());
        assertThat(after.getStatusCode()).isEqualTo(200);
        assertThat(after.getBody().replace(" ", "").strip()).isEqualTo("{\"active\":false}");
    }

    @Test
    void aRefreshLosesAWithdrawnRoleAndIsRefusedOnceTheAccountIsDisabled() throws Exception {
        jdbc.sql("insert into user_roles (user_id, role) values (?::uuid, 'SUPPORTER')").param(userId).update();
        Tokens signedIn = signInAndExchange(browser());
        assertThat(SignedJWT.parse(signedIn.getAccessToken().getValue()).getJWTClaimsSet().getStringListClaim("roles"))
                .contains("SUPPORTER");
        jdbc.sql("delete from user_roles where user_id = ?::uuid and role = 'SUPPORTER'").param(userId).update();
        Tokens refreshed = refresh(signedIn.getRefreshToken());
        assertThat(SignedJWT.parse(refreshed.getAccessToken().getValue()).getJWTClaimsSet().getStringListClaim("roles"))
                .as("withdrawn since sign-in").containsExactly("USER");

        jdbc.sql("update users set status = 'DISABLED' where id = ?::uuid").param(userId).update();
        assertThat(refreshFails(refreshed.getRefreshToken())).as("a disabled account gets no token").isTrue();
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeFamilyAfterTheGraceWindow() throws Exception {
        Tokens first = signInAndExchange(browser());
        Tokens second = refresh(first.getRefreshToken());

        assertThat(refreshFails(first.getRefreshToken())).as("a replay within the grace window is refused").isTrue();
        Tokens third = refresh(second.getRefreshToken());
        assertThat(TokenIntrospectionResponse.parse(introspect(third.getAccessToken().getValue()))
                .toSuccessResponse().isActive()).as("the family survives a replay within the grace window").isTrue();

        Thread.sleep(1500);
        assertThat(refreshFails(first.getRefreshToken())).isTrue();

        assertThat(refreshFails(third.getRefreshToken())).as("the newest refresh token of the family is revoked").isTrue();
        assertThat(TokenIntrospectionResponse.parse(introspect(third.getAccessToken().getValue()))
                .toSuccessResponse().isActive()).as("and so is its access token").isFalse();
    }

    @Test
    void signInSessionCarriesIntoTokensAndEndingItRevokesThem() throws Exception {
        HttpClient browser = browser();
        Tokens tokens = signInAndExchange(browser);
        String sid = SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet().getStringClaim("sid");
        assertThat(sid).isNotBlank();

        HttpResponse<String> listed = browser.send(HttpRequest.newBuilder(URI.create(issuer + "/api/v1/account/me/sessions"))
                .header("Authorization", "Bearer " + tokens.getAccessToken().getValue()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains(sid).contains("\"current\":true");
        assertThat(validate(sid)).contains("\"active\":true");

        HttpResponse<String> ended = browser.send(HttpRequest.newBuilder(URI.create(issuer + "/api/v1/account/me/sessions/" + sid))
                .header("Authorization", "Bearer " + tokens.getAccessToken().getValue()).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ended.statusCode()).isEqualTo(204);

        assertThat(validate(sid)).contains("\"active\":false");
        assertThat(refreshFails(tokens.getRefreshToken())).as("the session's tokens are revoked").isTrue();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                redis.opsForStream().range(Topics.ACCOUNT, Range.unbounded()))
                .as("the other services are told, to close what was opened with its tokens")
                .anySatisfy(record -> {
                    assertThat(record.getValue()).containsEntry(Topics.FIELD_TYPE, SessionEnded.TYPE);
                    assertThat((String) JsonPath.read((String) record.getValue().get(Topics.FIELD_ENVELOPE),
                            "$.payload.sessionId")).isEqualTo(sid);
                }));
        HttpResponse<String> again = browser.send(authorizeRequest(Map.of("code_challenge", challenge(new CodeVerifier()),
                "code_challenge_method", "S256")), HttpResponse.BodyHandlers.ofString());
        assertThat(again.headers().firstValue("Location").orElseThrow()).as("the browser must sign in again").endsWith("/login");
    }

    @Test
    void rpInitiatedLogoutEndsTheSignInSessionAndRevokesItsTokens() throws Exception {
        HttpClient browser = browser();
        CodeVerifier verifier = new CodeVerifier();
        String code = signInAndAuthorize(browser, Map.of("code_challenge", challenge(verifier), "code_challenge_method", "S256"));
        OIDCTokenResponse response = (OIDCTokenResponse) OIDCTokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(),
                WEBFRONT, new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(REDIRECT_URI), verifier))
                .toHTTPRequest().send());
        Tokens tokens = response.getOIDCTokens();
        String sid = SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet().getStringClaim("sid");
        String logout = provider.getEndSessionEndpointURI() + "?" + encode(Map.of(
                "id_token_hint", response.getOIDCTokens().getIDTokenString(),
                "post_logout_redirect_uri", "http://localhost:8080/", "state", "bye"));
        HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(URI.create(provider.getEndSessionEndpointURI()
                + "?post_logout_redirect_uri=http://localhost:8080/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("a GET without the ID token (a link on another site, say)").isEqualTo(400);
        assertThat(validate(sid)).as("changes nothing").contains("\"active\":true");

        HttpResponse<String> loggedOut = browser.send(HttpRequest.newBuilder(URI.create(logout)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(loggedOut.headers().firstValue("Location").orElseThrow()).isEqualTo("http://localhost:8080/?state=bye");
        assertThat(validate(sid)).contains("\"active\":false");
        assertThat(refreshFails(tokens.getRefreshToken())).as("the session's refresh token is revoked").isTrue();
        HttpResponse<String> again = browser.send(authorizeRequest(Map.of("code_challenge", challenge(new CodeVerifier()),
                "code_challenge_method", "S256")), HttpResponse.BodyHandlers.ofString());
        assertThat(again.headers().firstValue("Location").orElseThrow()).as("the browser must sign in again").endsWith("/login");
    }

    @Test
    void signingOutOfTheSignInPagesEndsTheSessionToo() throws Exception {
        HttpClient browser = browser();
        Tokens tokens = signInAndExchange(browser);
        String sid = SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet().getStringClaim("sid");
        String csrf = csrfOf(browser.send(HttpRequest.newBuilder(URI.create(issuer + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body());

        HttpResponse<String> loggedOut = browser.send(form("/logout", Map.of("_csrf", csrf)), HttpResponse.BodyHandlers.ofString());

        assertThat(loggedOut.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
        assertThat(validate(sid)).contains("\"active\":false");
        assertThat(refreshFails(tokens.getRefreshToken())).isTrue();
    }

    private String validate(String sid) throws Exception {
        var serviceToken = TokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID("svc-chat"), new Secret("dev-only-chat-secret")),
                new com.nimbusds.oauth2.sdk.ClientCredentialsGrant(), new com.nimbusds.oauth2.sdk.Scope("internal"))
                .toHTTPRequest().send()).toSuccessResponse().getTokens().getAccessToken().getValue();
        return browser().send(HttpRequest.newBuilder(URI.create(issuer + "/internal/sessions/validate"))
                .header("Authorization", "Bearer " + serviceToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sid\":\"" + sid + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void rotationNeverExtendsTheFamilysLifetime() throws Exception {
        Tokens first = signInAndExchange(browser());
        long firstExpiry = refreshExpiry(first.getRefreshToken());

        Thread.sleep(1100);
        Tokens second = refresh(first.getRefreshToken());

        assertThat(refreshExpiry(second.getRefreshToken())).isEqualTo(firstExpiry);
    }

    @Test
    void aRefreshTokenPastItsFamilysAbsoluteExpiryIsRefused() throws Exception {
        Tokens first = signInAndExchange(browser());
        Tokens rotated = refresh(first.getRefreshToken());
        // The family's deadline passes (rotationNeverExtendsTheFamilysLifetime shows rotation keeps it).
        jdbc.sql("update oauth2_authorization set refresh_token_issued_at = now() - interval '31 days', "
                + "refresh_token_expires_at = now() - interval '1 second' where refresh_token_value = ?").param(rotated.getRefreshToken().getValue()).update();

        assertThat(refreshFails(rotated.getRefreshToken())).as("refresh after the family's absolute expiry").isTrue();
    }

    @Test
    void aCodeLivesAtMostTenMinutesAndAnExpiredOneIsRefused() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        String code = signInAndAuthorize(Map.of("code_challenge", challenge(verifier), "code_challenge_method", "S256"));
        long lifetime = jdbc.sql("select extract(epoch from authorization_code_expires_at - authorization_code_issued_at) "
                + "from oauth2_authorization where authorization_code_value = ?").param(code).query(Double.class).single().longValue();
        assertThat(lifetime).as("seconds a code is valid").isPositive().isLessThanOrEqualTo(600);
        jdbc.sql("update oauth2_authorization set authorization_code_issued_at = now() - interval '11 minutes', "
                + "authorization_code_expires_at = now() - interval '1 second' where authorization_code_value = ?").param(code).update();

        TokenResponse late = TokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(), WEBFRONT,
                new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(REDIRECT_URI), verifier)).toHTTPRequest().send());

        assertThat(late.indicatesSuccess()).as("an expired code").isFalse();
        assertThat(late.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void aReusedAuthorizationCodeIsRefusedAndRevokesWhatItIssued() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        String code = signInAndAuthorize(Map.of("code_challenge", challenge(verifier), "code_challenge_method", "S256"));
        TokenRequest exchange = new TokenRequest(provider.getTokenEndpointURI(), WEBFRONT,
                new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(REDIRECT_URI), verifier));
        Tokens tokens = OIDCTokenResponse.parse(exchange.toHTTPRequest().send()).toSuccessResponse().getTokens();

        TokenResponse replay = TokenResponse.parse(exchange.toHTTPRequest().send());

        assertThat(replay.indicatesSuccess()).isFalse();
        assertThat(TokenIntrospectionResponse.parse(introspect(tokens.getAccessToken().getValue()))
                .toSuccessResponse().isActive()).as("tokens from the replayed code are revoked").isFalse();
    }

    private long refreshExpiry(RefreshToken token) throws Exception {
        var response = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(provider.getIntrospectionEndpointURI(),
                WEBFRONT, token).toHTTPRequest().send()).toSuccessResponse();
        assertThat(response.isActive()).isTrue();
        return response.getExpirationTime().getTime() / 1000;
    }

    @Test
    void authorizationRequestWithoutPkceIsRefused() throws Exception {
        HttpResponse<String> response = browser().send(authorizeRequest(Map.of()), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isBetween(300, 399);
        assertThat(response.headers().firstValue("Location").orElseThrow()).startsWith(REDIRECT_URI)
                .contains("error=invalid_request");
    }

    @Test
    void plainPkceIsRefused() throws Exception {
        HttpResponse<String> response = browser().send(authorizeRequest(Map.of("code_challenge", "a".repeat(43),
                "code_challenge_method", "plain")), HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().firstValue("Location").orElseThrow()).contains("error=invalid_request");
    }

    @Test
    void unregisteredRedirectUriIsRefusedWithoutRedirecting() throws Exception {
        String query = "response_type=code&client_id=webfront&scope=openid&state=s&code_challenge_method=S256"
                + "&code_challenge=" + challenge(new CodeVerifier())
                + "&redirect_uri=" + URLEncoder.encode("https://evil.example/cb", StandardCharsets.UTF_8);
        HttpResponse<String> response = browser().send(HttpRequest.newBuilder(
                URI.create(issuer + "/oauth2/authorize?" + query)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void disabledUserCannotSignIn() throws Exception {
        jdbc.sql("update users set status = 'DISABLED' where id = ?::uuid").param(userId).update();
        HttpClient browser = browser();
        String csrf = csrfOf(browser.send(HttpRequest.newBuilder(URI.create(issuer + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body());

        HttpResponse<String> login = browser.send(form("/login", Map.of("username", email, "password", password,
                "_csrf", csrf)), HttpResponse.BodyHandlers.ofString());

        assertThat(login.headers().firstValue("Location").orElseThrow()).contains("error");
    }

    /** Signs in with the browser and completes authorization code + PKCE for webfront. */
    private Tokens signInAndExchange(HttpClient browser) throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        String code = signInAndAuthorize(browser, Map.of("code_challenge", challenge(verifier), "code_challenge_method", "S256"));
        TokenResponse response = OIDCTokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(), WEBFRONT,
                new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(REDIRECT_URI), verifier))
                .toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        return response.toSuccessResponse().getTokens();
    }

    private String signInAndAuthorize(Map<String, String> pkce) throws Exception {
        return signInAndAuthorize(browser(), pkce);
    }

    private String signInAndAuthorize(HttpClient browser, Map<String, String> pkce) throws Exception {
        HttpResponse<String> first = browser.send(authorizeRequest(pkce), HttpResponse.BodyHandlers.ofString());
        assertThat(first.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        String csrf = csrfOf(browser.send(HttpRequest.newBuilder(URI.create(issuer + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> login = browser.send(form("/login", Map.of("username", email, "password", password,
                "_csrf", csrf)), HttpResponse.BodyHandlers.ofString());
        String resume = login.headers().firstValue("Location").orElseThrow();
        assertThat(resume).contains("/oauth2/authorize");

        HttpResponse<String> authorized = browser.send(HttpRequest.newBuilder(URI.create(issuer).resolve(resume))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        String callback = authorized.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(REDIRECT_URI).contains("state=xyz");
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(callback);
        assertThat(code.find()).isTrue();
        return java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8);
    }

    private HttpRequest authorizeRequest(Map<String, String> extra) {
        Map<String, String> params = new java.util.LinkedHashMap<>(Map.of("response_type", "code",
                "client_id", "webfront", "redirect_uri", REDIRECT_URI, "scope", "openid profile", "state", "xyz"));
        params.putAll(extra);
        return HttpRequest.newBuilder(URI.create(issuer + "/oauth2/authorize?" + encode(params)))
                .header("Accept", "text/html").build();
    }

    private HttpRequest form(String path, Map<String, String> fields) {
        return HttpRequest.newBuilder(URI.create(issuer + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields))).build();
    }

    private boolean refreshFails(RefreshToken refreshToken) throws Exception {
        TokenResponse response = TokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(), WEBFRONT,
                new RefreshTokenGrant(refreshToken)).toHTTPRequest().send());
        return !response.indicatesSuccess()
                && "invalid_grant".equals(response.toErrorResponse().getErrorObject().getCode());
    }

    private Tokens refresh(RefreshToken refreshToken) throws Exception {
        TokenResponse response = OIDCTokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(), WEBFRONT,
                new RefreshTokenGrant(refreshToken)).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        return response.toSuccessResponse().getTokens();
    }

    private com.nimbusds.oauth2.sdk.http.HTTPResponse introspect(String token) throws Exception {
        return new TokenIntrospectionRequest(provider.getIntrospectionEndpointURI(), WEBFRONT,
                new com.nimbusds.oauth2.sdk.token.BearerAccessToken(token)).toHTTPRequest().send();
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("sign-in form has a CSRF token").isTrue();
        return m.group(1);
    }

    private static String challenge(CodeVerifier verifier) {
        return com.nimbusds.oauth2.sdk.pkce.CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue();
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
