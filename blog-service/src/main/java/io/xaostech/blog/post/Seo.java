package io.xaostech.blog.post;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What search engines and link previews read; each falls back to the post's own title, excerpt or cover.
 *
 * @param metaTitle       {@code <title>} and {@code og:title}
 * @param metaDescription {@code <meta name="description">} and {@code og:description}
 * @param canonicalUrl    where the original lives, if elsewhere
 * @param ogImageUrl      the link-preview image
 */
public record Seo(@Size(max = 300) @Pattern(regexp = PostInput.TEXT, message = PostInput.NO_CONTROL) String metaTitle,
                  @Size(max = 500) @Pattern(regexp = PostInput.TEXT, message = PostInput.NO_CONTROL) String metaDescription,
                  @Size(max = 2000) @Pattern(regexp = PostInput.ABSOLUTE_URL, message = "must be an http(s) URL") String canonicalUrl,
                  @Size(max = 2000) @Pattern(regexp = PostInput.URL, message = "must be an http(s) URL or a path on this site") String ogImageUrl) {

    static final Seo NONE = new Seo(null, null, null, null);
}
