package io.xaostech.blog.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** blog-service settings ({@code xaos.blog.*}). */
@Validated
@ConfigurationProperties("xaos.blog")
public record BlogProperties(@Valid @NotNull @DefaultValue Media media, @Valid @NotNull @DefaultValue Cache cache) {

    /** @param maxUploadSize largest media file accepted */
    public record Media(@NotNull @DefaultValue("10MB") DataSize maxUploadSize) {
    }

    /** @param publishedTtl how long rendered published content stays in the Redis cache */
    public record Cache(@NotNull @DefaultValue("5m") Duration publishedTtl) {
    }
}
