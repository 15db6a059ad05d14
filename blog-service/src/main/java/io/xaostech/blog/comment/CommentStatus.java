package io.xaostech.blog.comment;

/** A comment is shown to readers only when {@link #APPROVED}. */
public enum CommentStatus {
    /** Waiting in the moderation queue. */
    PENDING,
    APPROVED,
    REJECTED,
    /** Removed, but kept as a placeholder because others replied to it. */
    DELETED
}
