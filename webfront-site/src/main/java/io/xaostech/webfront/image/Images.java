package io.xaostech.webfront.image;

import io.xaostech.platform.s3.OwnedBucket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The site's shared images in its S3 bucket. The module ships the originals ({@code img-seed/}); each is uploaded
 * if the bucket lacks it (at start, or once S3 can be reached), so a new deployment has its logo and an image
 * replaced in the bucket stays replaced.
 */
@Component
class Images {

    private static final Logger log = LoggerFactory.getLogger(Images.class);
    /** File names only: letters, digits, '_', '-', one extension; no paths. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}\\.(png|jpg|jpeg|webp|svg|ico)");

    /** An image read from the bucket; {@code content} is null when the caller's ETag still matches. */
    record Image(String etag, String contentType, long length, InputStream content) {
    }

    private final S3Client s3;
    private final OwnedBucket bucket;
    private volatile boolean seeded;

    Images(S3Client s3, OwnedBucket bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Uploads the shipped images the bucket lacks; tried at start and then every minute until it succeeds once. */
    @Scheduled(initialDelayString = "0s", fixedDelayString = "60s")
    void seed() {
        if (seeded) {
            return;
        }
        try {
            if (!bucket.ensureExists()) {
                return;
            }
            for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:/img-seed/*")) {
                String name = file.getFilename();
                if (name != null && NAME.matcher(name).matches() && !exists(name)) {
                    byte[] bytes = file.getContentAsByteArray();
                    s3.putObject(b -> b.bucket(bucket.name()).key(key(name)).contentType(contentType(name)),
                            RequestBody.fromBytes(bytes));
                    log.info("Uploaded {} to the image bucket {}", name, bucket.name());
                }
            }
            seeded = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SdkException e) {
            log.warn("Could not seed the image bucket {} yet (tried again in a minute): {}", bucket.name(),
                    e.getMessage());
        }
    }

    /** The image, or empty when there is none by that name; no body when {@code ifNoneMatch} is its ETag. */
    Optional<Image> read(String name, String ifNoneMatch) {
        ResponseInputStream<GetObjectResponse> object;
        try {
            object = s3.getObject(b -> b.bucket(bucket.name()).key(key(name)));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return Optional.empty();
        }
        GetObjectResponse meta = object.response();
        if (meta.eTag() != null && meta.eTag().equals(ifNoneMatch)) {
            object.abort();
            return Optional.of(new Image(meta.eTag(), meta.contentType(), 0, null));
        }
        return Optional.of(new Image(meta.eTag(), meta.contentType(), meta.contentLength(), object));
    }

    private boolean exists(String name) {
        try {
            s3.headObject(b -> b.bucket(bucket.name()).key(key(name)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static String key(String name) {
        return "img/" + name;
    }

    static String contentType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
        return switch (extension) {
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "webp" -> "image/webp";
            case "svg" -> "image/svg+xml";
            default -> "image/x-icon";
        };
    }
}
