package io.xaostech.platform.config;

import io.xaostech.common.service.XaosService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What every service shares about where it runs and what it owns ({@code xaos.platform.*}). Defaults come from
 * the service catalogue through {@link PlatformDefaults}.
 */
@Validated
@ConfigurationProperties("xaos.platform")
public record PlatformProperties(@NotNull XaosService service, @Valid Redis redis, @Valid S3 s3) {

    /** The service's Redis keyspace; every key it writes starts with {@code keyPrefix}. */
    public record Redis(@Pattern(regexp = "[a-z][a-z0-9-]*(:[a-z0-9-]+)*:",
            message = "must be lower-case words separated by and ending with ':'") String keyPrefix) {
    }

    /**
     * The service's S3 bucket and how to reach the S3 API (path-style, endpoint from config); {@code publicEndpoint}
     * is the same S3 as browsers reach it, for presigned links (the endpoint itself when not set).
     */
    public record S3(@NotBlank String bucket,
                     @NotNull URI endpoint,
                     URI publicEndpoint,
                     @NotBlank String region,
                     @NotBlank String accessKey,
                     @NotBlank String secretKey,
                     @DefaultValue("true") boolean createBucket,
                     @DefaultValue("2s") Duration connectTimeout,
                     @DefaultValue("30s") Duration callTimeout) {

        @Override
        public String toString() {
            return "S3[bucket=" + bucket + ", endpoint=" + endpoint + ", region=" + region + "]";
        }
    }
}
