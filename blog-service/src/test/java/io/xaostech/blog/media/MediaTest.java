package io.xaostech.blog.media;

import static io.xaostech.platform.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.blog.BlogApiTestBase;
import io.xaostech.blog.config.BlogProperties;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Role;
import io.xaostech.platform.test.TestIssuer;
import io.xaostech.platform.s3.OwnedBucket;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.s3.S3Client;

/** Uploads are checked by content, resized, stored in S3 and served safely; refused ones leave nothing behind. */
class MediaTest extends BlogApiTestBase {

    @Autowired
    S3Client s3;

    @Autowired
    OwnedBucket bucket;

    @Autowired
    OrphanCleanup cleanup;

    @Autowired
    BlogProperties properties;

    @Test
    void anImageRoundTripsWithItsResizedVariants() throws IOException {
        byte[] png = png(1200, 800);
        HttpResponse<String> uploaded = upload("photo.png", "image/png", png, admin);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String id = JsonPath.read(uploaded.body(), "$.id");
        assertThat((Integer) JsonPath.read(uploaded.body(), "$.width")).isEqualTo(1200);
        assertThat((Integer) JsonPath.read(uploaded.body(), "$.height")).isEqualTo(800);
        assertThat(JsonPath.<List<String>>read(uploaded.body(), "$.variants[*].name")).containsExactly("w500", "w1000");
        assertThat(JsonPath.<List<Integer>>read(uploaded.body(), "$.variants[*].height")).containsExactly(333, 667);
        assertThat(objectsUnder("media/" + id + "/")).containsExactlyInAnyOrder(
                "media/" + id + "/original", "media/" + id + "/w500", "media/" + id + "/w1000");

        HttpResponse<byte[]> original = fetch("/api/v1/blog/media/" + id + "/original");
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(png);
        assertThat(original.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(original.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(original.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'", "sandbox"));
        assertThat(original.headers().firstValue("Content-Disposition")).hasValueSatisfying(cd -> assertThat(cd).startsWith("inline").contains("photo.png"));
        assertThat(original.headers().firstValue("Cache-Control")).hasValueSatisfying(cc -> assertThat(cc).contains("immutable"));

        BufferedImage small = ImageIO.read(new ByteArrayInputStream(fetch("/api/v1/blog/media/" + id + "/w500").body()));
        assertThat(small.getWidth()).isEqualTo(500);
        assertThat(fetch("/api/v1/blog/media/" + id + "/w42").statusCode()).isEqualTo(404);
    }

    @Test
    void aPdfIsServedAsAnAttachmentWithoutVariants() {
        byte[] pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> uploaded = upload("report.pdf", "application/pdf", pdf, admin);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String id = JsonPath.read(uploaded.body(), "$.id");
        assertThat(JsonPath.<List<Object>>read(uploaded.body(), "$.variants")).isEmpty();
        HttpResponse<byte[]> served = fetch("/api/v1/blog/media/" + id + "/original");
        assertThat(served.headers().firstValue("Content-Disposition")).hasValueSatisfying(cd -> assertThat(cd).startsWith("attachment"));
        assertThat(served.body()).isEqualTo(pdf);
    }

    @Test
    void refusedUploadsLeaveNothingInS3OrTheDatabase() throws IOException {
        int objects = objectsUnder("media/").size();
        int rows = mediaRows();

        byte[] html = "<html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        assertProblem(upload("innocent.png", "image/png", html, admin), 415, ProblemType.UNSUPPORTED_MEDIA_TYPE);
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8);
        assertProblem(upload("logo.svg", "image/svg+xml", svg, admin), 415, ProblemType.UNSUPPORTED_MEDIA_TYPE);
        assertProblem(upload("empty.png", "image/png", new byte[0], admin), 400, ProblemType.INVALID_REQUEST);
        byte[] png = png(300, 200);
        assertProblem(upload("cut.png", "image/png", Arrays.copyOf(png, png.length - 40), admin), 422, ProblemType.UNPROCESSABLE);
        byte[] corrupt = png.clone();
        Arrays.fill(corrupt, 40, corrupt.length - 12, (byte) 7);
        assertProblem(upload("corrupt.png", "image/png", corrupt, admin), 422, ProblemType.UNPROCESSABLE);
        HttpResponse<String> tooLarge = upload("big.pdf", "application/pdf", new byte[1_200_000], admin);
        assertProblem(tooLarge, 413, ProblemType.PAYLOAD_TOO_LARGE);
        assertProblem(upload("x.png", "image/png", png, reader), 403, ProblemType.FORBIDDEN);
        assertProblem(upload("x.png", "image/png", png, null), 401, ProblemType.UNAUTHORIZED);

        for (String disguise : List.of("photo.php", "photo.html", "photo.svg", "photo.pdf", "photo.png.exe",
                "photo.php.", ".htaccess")) {
            HttpResponse<String> refused = upload(disguise, "image/png", png, admin);
            assertProblem(refused, 415, ProblemType.UNSUPPORTED_MEDIA_TYPE);
            assertThat(JsonPath.<String>read(refused.body(), "$.detail")).as(disguise).contains("PNG");
        }

        assertThat(objectsUnder("media/")).hasSize(objects);
        assertThat(mediaRows()).isEqualTo(rows);
    }

    @Test
    void eachUploaderHasAQuotaAndOthersAreNotCountedAgainstIt() throws IOException {
        UUID uploader = UUID.randomUUID();
        String full = TestIssuer.get().userToken(uploader, Role.USER, Role.ADMIN);
        long quota = properties.media().quotaPerUploader().toBytes();
        byte[] png = png(40, 30);
        jdbc.sql("insert into media (id, uploaded_by, filename, content_type, size_bytes) values (?, ?, 'earlier.pdf', "
                + "'application/pdf', ?)").params(UUID.randomUUID(), uploader, quota - png.length + 1).update();
        int objects = objectsUnder("media/").size();

        HttpResponse<String> over = upload("one-too-many.png", "image/png", png, full);

        assertProblem(over, 413, ProblemType.PAYLOAD_TOO_LARGE);
        assertThat(JsonPath.<String>read(over.body(), "$.detail")).contains("quota");
        assertThat(objectsUnder("media/")).hasSize(objects);
        assertThat(upload("name-without-extension", "image/png", png, admin).statusCode()).as("another uploader")
                .isEqualTo(201);
    }

    @Test
    void mediaAPostUsesIsKeptAndIsCleanedUpOnceNoPostUsesIt() throws IOException {
        String id = JsonPath.read(upload("cover.png", "image/png", png(200, 100), admin).body(), "$.id");
        String url = "/api/v1/blog/media/" + id + "/original";
        String postId = publish("With a cover", "![pic](" + url + ")", "\"coverImageUrl\":\"" + url + "\"");

        assertProblem(send("DELETE", "/api/v1/blog/admin/media/" + id, admin, null), 409, ProblemType.CONFLICT);
        jdbc.sql("update media set created_at = now() - interval '30 days' where id = ?::uuid").param(id).update();
        cleanup.deleteBatch();
        assertThat(fetch(url).statusCode()).as("in use, so kept").isEqualTo(200);

        send("DELETE", "/api/v1/blog/admin/posts/" + postId, admin, null);
        cleanup.deleteBatch();
        assertThat(fetch(url).statusCode()).as("old, but unused only since just now: kept for the grace period")
                .isEqualTo(200);

        jdbc.sql("update media set unreferenced_since = now() - interval '2 days' where id = ?::uuid").param(id).update();
        cleanup.deleteBatch();
        assertThat(fetch(url).statusCode()).isEqualTo(404);
        assertThat(objectsUnder("media/" + id + "/")).isEmpty();
    }

    private int mediaRows() {
        return jdbc.sql("select count(*) from media").query(Integer.class).single();
    }

    private List<String> objectsUnder(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket.name()).prefix(prefix)).contents().stream()
                .map(o -> o.key()).toList();
    }

    private HttpResponse<String> upload(String filename, String contentType, byte[] content, String token) {
        String boundary = "----xaos" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri("/api/v1/blog/admin/media"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request);
    }

    private HttpResponse<byte[]> fetch(String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(http.uri(path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
