package io.xaostech.blog.media;

import io.xaostech.platform.s3.OwnedBucket;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.UUID;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Media files in the service's bucket, under keys the server makes: {@code media/<id>/<original|w500|...>}. */
@Component
class MediaStore {

    private final S3Client s3;
    private final OwnedBucket bucket;

    MediaStore(S3Client s3, OwnedBucket bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    static String key(UUID id, String name) {
        return "media/" + id + "/" + name;
    }

    /** Streams a file to S3 (the SDK reads it from disk as it sends). */
    void put(UUID id, String name, Path file, String contentType) {
        s3.putObject(b -> b.bucket(bucket.name()).key(key(id, name)).contentType(contentType), RequestBody.fromFile(file));
    }

    InputStream open(UUID id, String name) {
        return s3.getObject(b -> b.bucket(bucket.name()).key(key(id, name)));
    }

    /** Deletes the files (one call each: a handful per upload); deleting one that is not there is not an error. */
    void delete(UUID id, Collection<String> names) {
        for (String name : names) {
            s3.deleteObject(b -> b.bucket(bucket.name()).key(key(id, name)));
        }
    }
}
