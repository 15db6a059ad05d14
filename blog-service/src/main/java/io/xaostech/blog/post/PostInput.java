package io.xaostech.blog.post;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * Everything an editor sets on a post, as sent to create or replace it (and as kept in each revision).
 *
 * @param slug        absent to derive it from the title
 * @param status      absent means {@code DRAFT}; {@code PUBLISHED} with a future {@code publishedAt} schedules
 * @param publishedAt when it is (or is to be) published; absent on publishing means now
 */
public record PostInput(@NotBlank @Size(max = 300) @Pattern(regexp = TEXT, message = NO_CONTROL) String title,
                        @Size(max = Slug.MAX_LENGTH) @Pattern(regexp = Slug.PATTERN, message = "must be lower-case words of letters and digits joined by single hyphens") String slug,
                        @NotNull @Size(max = MAX_BODY_LENGTH) @Pattern(regexp = TEXT, message = NO_CONTROL) String bodyMarkdown,
                        @Size(max = 500) @Pattern(regexp = TEXT, message = NO_CONTROL) String excerpt,
                        @Size(max = 20) List<@NotNull @Pattern(regexp = TAG, message = "must be 1 to 50 lower-case letters, digits or hyphens") String> tags,
                        @Size(max = 2000) @Pattern(regexp = URL, message = "must be an http(s) URL or a path on this site") String coverImageUrl,
                        @Valid Seo seo,
                        PostStatus status,
                        Instant publishedAt) {

    static final int MAX_BODY_LENGTH = 200_000;
    /** Text XML (and so the feeds) can carry: no control characters but tab and line breaks. */
    static final String TEXT = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";
    static final String NO_CONTROL = "must not contain control characters";
    static final String TAG = "[a-z0-9][a-z0-9-]{0,49}";
    static final String ABSOLUTE_URL = "https?://[^\\s<>\"]+";
    static final String URL = "(https?://|/)[^\\s<>\"]*";

    public PostInput {
        tags = tags == null ? List.of() : List.copyOf(tags.stream().distinct().toList());
        seo = seo == null ? Seo.NONE : seo;
        status = status == null ? PostStatus.DRAFT : status;
    }

    PostInput withSlug(String newSlug) {
        return new PostInput(title, newSlug, bodyMarkdown, excerpt, tags, coverImageUrl, seo, status, publishedAt);
    }

    PostInput withPublication(PostStatus newStatus, Instant newPublishedAt) {
        return new PostInput(title, slug, bodyMarkdown, excerpt, tags, coverImageUrl, seo, newStatus, newPublishedAt);
    }
}
