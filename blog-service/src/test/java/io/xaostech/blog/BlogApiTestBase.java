package io.xaostech.blog;

import io.xaostech.common.security.Role;
import io.xaostech.platform.test.TestHttp;
import io.xaostech.platform.test.TestIssuer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** blog-service on a random port against the run's PostgreSQL, Redis and S3, with tokens from the test issuer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"xaos.blog.publishing.check-interval=200ms", "xaos.blog.media.max-upload-size=1MB",
                "spring.servlet.multipart.max-file-size=1MB", "xaos.platform.events.poll-interval=200ms"})
public abstract class BlogApiTestBase {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected TestHttp http;
    protected UUID adminId;
    protected String admin;
    protected String reader;

    @BeforeEach
    void clients() {
        http = new TestHttp(port);
        adminId = UUID.randomUUID();
        admin = TestIssuer.get().userToken(adminId, Role.USER, Role.ADMIN);
        reader = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER);
    }

    protected HttpResponse<String> get(String path, String token, String... headers) {
        return http.send(request(path, token, headers).GET());
    }

    protected HttpResponse<String> send(String method, String path, String token, String json, String... headers) {
        HttpRequest.Builder request = request(path, token, headers).header("Content-Type", "application/json");
        return http.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    /** A post body for the editors' API; {@code extra} is more JSON members, for example {@code "status":"PUBLISHED"}. */
    protected static String post(String title, String markdown, String extra) {
        return "{\"title\":" + quote(title) + ",\"bodyMarkdown\":" + quote(markdown)
                + (extra == null || extra.isEmpty() ? "" : "," + extra) + "}";
    }

    /** Creates a published post through the editors' API; answers its id. */
    protected String publish(String title, String markdown, String extra) {
        HttpResponse<String> created = send("POST", "/api/v1/blog/admin/posts", admin, post(title, markdown,
                "\"status\":\"PUBLISHED\"" + (extra == null ? "" : "," + extra)));
        if (created.statusCode() != 201) {
            throw new AssertionError("could not publish: " + created.body());
        }
        return JsonPath.read(created.body(), "$.id");
    }

    /** A word no other test uses, letters only (so full-text search sees it as one word). */
    protected static String uniqueWord() {
        StringBuilder word = new StringBuilder("zq");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    protected static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
