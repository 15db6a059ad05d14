package io.xaostech.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.account.config.AccountProperties;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.test.ProblemAssertions;
import io.xaostech.common.security.Audiences;
import io.xaostech.platform.test.TestHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * What account's API tests share: users made straight in the database, user tokens signed with the service's
 * own current key (as the token endpoint would), service tokens from the real token endpoint, and JSON calls.
 */
public final class AccountFixture {

    private final TestHttp http;
    private final JdbcClient jdbc;
    private final JwtEncoder encoder;
    private final PasswordEncoder passwords;
    private final String issuer;

    public AccountFixture(int port, JdbcClient jdbc, JwtEncoder encoder, PasswordEncoder passwords,
                          AccountProperties properties) {
        this.http = new TestHttp(port);
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.passwords = passwords;
        this.issuer = properties.issuer().toString();
    }

    public TestHttp http() {
        return http;
    }

    /** A verified, active user with role USER; answers its id. */
    public String newUser(String email, String password) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("insert into users (id, email, email_verified, display_name, password_hash) values (?::uuid, ?, true, ?, ?)")
                .params(id, email, email.substring(0, email.indexOf('@')), password == null ? null : passwords.encode(password))
                .update();
        jdbc.sql("insert into user_roles (user_id, role) values (?::uuid, 'USER')").param(id).update();
        return id;
    }

    public String newUser(String name) {
        return newUser(name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test", null);
    }

    public String userToken(String subject, List<String> roles) {
        Instant now = Instant.now();
        return encoder.encode(JwtEncoderParameters.from(JwtClaimsSet.builder().issuer(issuer).subject(subject)
                .audience(List.of(Audiences.API)).issuedAt(now).expiresAt(now.plusSeconds(300))
                .claim("scope", "openid").claim("roles", roles).build())).getTokenValue();
    }

    public String userToken(String subject) {
        return userToken(subject, List.of("USER"));
    }

    /** A client_credentials token of a seeded service client (development secret). */
    public String serviceToken(String service) {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(http.uri("/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("svc-" + service + ":dev-only-" + service + "-secret").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=internal")));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return JsonPath.read(token.body(), "$.access_token");
    }

    /** The development mailbox of an address, as JSON, newest mail first. */
    public String mailbox(String email) {
        HttpResponse<String> inbox = get("/internal/dev/mailbox?to=" + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8),
                serviceToken("chat"));
        assertThat(inbox.statusCode()).as(inbox.body()).isEqualTo(200);
        return inbox.body();
    }

    /** The link in the newest mail to an address (the one carrying a {@code token=}). */
    public String linkFromMail(String email) {
        String body = JsonPath.read(mailbox(email), "$[0].body");
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(https?://\\S*token=[A-Za-z0-9_-]+)").matcher(body);
        assertThat(link.find()).as(body).isTrue();
        return link.group(1);
    }

    /** The token of the link in the newest mail to an address. */
    public String tokenFromMail(String email) {
        String link = linkFromMail(email);
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    public HttpResponse<String> get(String path, String token) {
        return http.send(authorized(HttpRequest.newBuilder(http.uri(path)), token).GET());
    }

    public HttpResponse<String> post(String path, String token, String json) {
        return http.send(json(path, token).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> put(String path, String token, String json) {
        return http.send(json(path, token).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> delete(String path, String token, String json) {
        return http.send(json(path, token).method("DELETE", HttpRequest.BodyPublishers.ofString(json)));
    }

    public static void assertProblem(HttpResponse<String> response, int status, ProblemType type) {
        ProblemAssertions.assertProblem(response, status, type);
    }

    private HttpRequest.Builder json(String path, String token) {
        return authorized(HttpRequest.newBuilder(http.uri(path)), token).header("Content-Type", "application/json");
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }
}
