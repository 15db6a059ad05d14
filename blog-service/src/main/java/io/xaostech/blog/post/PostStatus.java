package io.xaostech.blog.post;

/** Where a post is in its life; only {@link #PUBLISHED} posts are visible to readers. */
public enum PostStatus {
    DRAFT,
    /** Published automatically when its {@code publishedAt} comes. */
    SCHEDULED,
    PUBLISHED,
    ARCHIVED
}
