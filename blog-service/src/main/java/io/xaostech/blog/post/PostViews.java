package io.xaostech.blog.post;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the API shows of a post: readers get the rendered post, editors everything they can change. */
final class PostViews {

    private PostViews() {
    }

    /** A published post as readers get it. */
    record PublishedPost(UUID id, String slug, String title, String excerpt, String html, List<String> tags,
                         String coverImageUrl, Seo seo, UUID authorId, Instant publishedAt, Instant updatedAt) {

        static PublishedPost of(Post post) {
            return new PublishedPost(post.id().value(), post.slug(), post.title(), post.excerptOrLead(),
                    post.bodyHtml(), post.tags(), post.coverImageUrl(), post.seo(), post.authorId(),
                    post.publishedAt(), post.updatedAt());
        }
    }

    /** One line of a list of posts. */
    record PostSummary(UUID id, String slug, String title, String excerpt, List<String> tags, String coverImageUrl,
                       PostStatus status, Instant publishedAt, Instant updatedAt) {

        static PostSummary of(Post post) {
            return new PostSummary(post.id().value(), post.slug(), post.title(), post.excerptOrLead(), post.tags(),
                    post.coverImageUrl(), post.status(), post.publishedAt(), post.updatedAt());
        }
    }

    /** A post as its editors get it, with the Markdown they wrote and the version to send back in If-Match. */
    record EditablePost(UUID id, String slug, String title, String bodyMarkdown, String html, String excerpt,
                        List<String> tags, String coverImageUrl, Seo seo, UUID authorId, PostStatus status,
                        Instant publishedAt, Instant createdAt, Instant updatedAt, int version) {

        static EditablePost of(Post post) {
            return new EditablePost(post.id().value(), post.slug(), post.title(), post.bodyMarkdown(),
                    post.bodyHtml(), post.excerpt(), post.tags(), post.coverImageUrl(), post.seo(), post.authorId(),
                    post.status(), post.publishedAt(), post.createdAt(), post.updatedAt(), post.version());
        }
    }

    /** One saved state of a post. */
    record Revision(int revision, UUID savedBy, Instant savedAt, PostInput content) {
    }
}
