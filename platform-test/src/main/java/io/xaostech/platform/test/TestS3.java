package io.xaostech.platform.test;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3 API for tests: S3Proxy in this JVM on a free port, with an in-memory store that lives as long as
 * the test run, so buckets are never shared between runs.
 */
final class TestS3 {

    static final String ACCESS_KEY = "test-access-key";
    static final String SECRET_KEY = "test-secret-key";

    private final S3Proxy proxy;

    private TestS3(S3Proxy proxy) {
        this.proxy = proxy;
    }

    static TestS3 start() {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start: " + e.getMessage(), e);
        }
        TestS3 s3 = new TestS3(proxy);
        Runtime.getRuntime().addShutdownHook(new Thread(s3::stop, "s3proxy-stop"));
        return s3;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    private void stop() {
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // the JVM is ending
        }
    }
}
