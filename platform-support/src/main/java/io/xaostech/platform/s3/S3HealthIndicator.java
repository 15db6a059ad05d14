package io.xaostech.platform.s3;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** Readiness of the service's bucket: UP when it exists and answers. */
class S3HealthIndicator extends AbstractHealthIndicator {

    private final OwnedBucket bucket;

    S3HealthIndicator(OwnedBucket bucket) {
        super("S3 health check failed");
        this.bucket = bucket;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!bucket.ensureExists()) {
            builder.down().withDetail("bucket", bucket.name());
            return;
        }
        bucket.exists();
        builder.up().withDetail("bucket", bucket.name());
    }
}
