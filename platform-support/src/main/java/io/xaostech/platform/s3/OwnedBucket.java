package io.xaostech.platform.s3;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The one bucket a service owns. Created at start when missing; if S3 is down then, the service still starts
 * (readiness reports it DOWN) and creation is retried on each health check until it succeeds.
 */
public class OwnedBucket {

    private static final Logger log = LoggerFactory.getLogger(OwnedBucket.class);

    private final S3Client s3;
    private final String name;
    private final boolean create;
    private volatile boolean known;

    public OwnedBucket(S3Client s3, String name, boolean create) {
        this.s3 = s3;
        this.name = name;
        this.create = create;
    }

    public String name() {
        return name;
    }

    /** Makes sure the bucket exists; answers whether it does. Never throws for an unreachable S3. */
    public boolean ensureExists() {
        if (known) {
            return true;
        }
        try {
            exists();
            known = true;
        } catch (NoSuchBucketException e) {
            known = create && created();
        } catch (SdkException e) {
            log.warn("S3 bucket {} cannot be checked: {}", name, e.getMessage());
        }
        return known;
    }

    /** Checks the bucket is reachable; throws if it is not. */
    void exists() {
        try {
            s3.headBucket(b -> b.bucket(name));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw NoSuchBucketException.builder().message("No bucket " + name).build();
            }
            throw e;
        }
    }

    private boolean created() {
        try {
            s3.createBucket(b -> b.bucket(name));
            log.info("Created S3 bucket {}", name);
            return true;
        } catch (BucketAlreadyOwnedByYouException e) {
            return true;
        } catch (SdkException e) {
            log.warn("S3 bucket {} cannot be created: {}", name, e.getMessage());
            return false;
        }
    }
}
