package io.xaostech.blog.post;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A post as stored: the editor's input, its rendered body and where it is in its life. */
record Post(PostId id, String slug, String title, String bodyMarkdown, String bodyHtml, String bodyText,
            String excerpt, List<String> tags, String coverImageUrl, Seo seo, UUID authorId, PostStatus status,
            Instant publishedAt, Instant createdAt, Instant updatedAt, int version) {

    private static final int DERIVED_EXCERPT_LENGTH = 280;

    boolean isPublished() {
        return status == PostStatus.PUBLISHED;
    }

    /** The editor's excerpt, or the start of the text cut at a word. */
    String excerptOrLead() {
        if (excerpt != null && !excerpt.isBlank()) {
            return excerpt;
        }
        if (bodyText.length() <= DERIVED_EXCERPT_LENGTH) {
            return bodyText;
        }
        String cut = bodyText.substring(0, DERIVED_EXCERPT_LENGTH);
        int space = cut.lastIndexOf(' ');
        return (space > DERIVED_EXCERPT_LENGTH / 2 ? cut.substring(0, space) : cut) + "…";
    }

    /** The strong validator for {@code If-Match}: changes with every save. */
    String etag() {
        return "\"" + version + "\"";
    }
}
