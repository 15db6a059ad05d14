package io.xaostech.blog.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * blog-service settings ({@code xaos.blog.*}).
 *
 * @param publicUrl where readers reach the site (feeds and the sitemap link to {@code <publicUrl>/blog/<slug>})
 */
@Validated
@ConfigurationProperties("xaos.blog")
public record BlogProperties(@NotNull @DefaultValue("http://localhost:8080") URI publicUrl,
                             @NotNull @DefaultValue("XAOSTECH blog") String title,
                             @Valid @NotNull @DefaultValue Media media,
                             @Valid @NotNull @DefaultValue Cache cache,
                             @Valid @NotNull @DefaultValue Publishing publishing,
                             @Valid @NotNull @DefaultValue Comments comments) {

    /**
     * Uploads.
     *
     * @param maxUploadSize     largest file accepted (the servlet multipart limit must not be lower, nor the gateway's
     *                          {@code max-body-size} of the blog-media route)
     * @param quotaPerUploader  total size of the originals one person may keep
     * @param maxPixels         largest image (width × height) that is decoded
     * @param variantWidths     widths of the resized copies made of wider images
     * @param orphanGrace       how long media no post uses is kept before the cleanup deletes it
     */
    public record Media(@NotNull @DefaultValue("10MB") DataSize maxUploadSize,
                        @NotNull @DefaultValue("1GB") DataSize quotaPerUploader,
                        @DefaultValue("40000000") @Min(1) long maxPixels,
                        @NotNull @DefaultValue({"500", "1000"}) List<@Min(16) Integer> variantWidths,
                        @NotNull @DefaultValue("24h") Duration orphanGrace) {
    }

    /**
     * @param enabled      whether reader responses are cached in Redis at all (off: every read goes to PostgreSQL)
     * @param publishedTtl how long rendered published content stays in the Redis cache
     */
    public record Cache(@DefaultValue("true") boolean enabled, @NotNull @DefaultValue("5m") Duration publishedTtl) {
    }

    /** @param checkInterval how often scheduled posts whose time has come are published */
    public record Publishing(@NotNull @DefaultValue("5s") Duration checkInterval) {
    }

    /**
     * Comment moderation and limits.
     *
     * @param maxLinks        more links than this hold a comment for moderation
     * @param disallowedWords any of these (whole words, any case) holds a comment for moderation
     * @param editWindow      how long authors may edit or delete their own comment
     * @param perUserPerHour  comments one user may post in an hour
     */
    public record Comments(@DefaultValue("2") @Min(0) int maxLinks,
                           @NotNull @DefaultValue({"viagra", "casino", "crypto-giveaway"}) List<@NotBlank String> disallowedWords,
                           @NotNull @DefaultValue("15m") Duration editWindow,
                           @DefaultValue("20") @Min(1) int perUserPerHour) {
    }

    /** The reader-facing address of a post. */
    public URI postUrl(String slug) {
        return URI.create(publicUrl.toString().replaceAll("/+$", "") + "/blog/" + slug);
    }
}
