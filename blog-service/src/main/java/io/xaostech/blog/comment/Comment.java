package io.xaostech.blog.comment;

import java.time.Instant;
import java.util.UUID;

/** A comment as stored. */
record Comment(UUID id, UUID postId, UUID parentId, UUID authorId, String displayName, String bodyMarkdown,
               String bodyHtml, CommentStatus status, String heldBecause, Instant createdAt, Instant editedAt) {
}
