package io.xaostech.blog.comment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Comment requests and what each audience sees of a comment. */
final class CommentViews {

    static final int MAX_BODY = 5_000;

    private CommentViews() {
    }

    /**
     * A new comment.
     *
     * @param parentId    the top-level comment this replies to, if any
     * @param displayName the name shown with it (the commenter's choice)
     */
    record NewComment(@NotBlank @Size(max = MAX_BODY) String body, UUID parentId,
                      @NotBlank @Size(max = 80) String displayName) {
    }

    record Edit(@NotBlank @Size(max = MAX_BODY) String body) {
    }

    /** What readers see: approved comments with their approved replies; a removed one has no text or name. */
    record Thread(UUID id, String displayName, String html, Instant createdAt, Instant editedAt, boolean deleted,
                  List<Reply> replies) {
    }

    record Reply(UUID id, UUID parentId, String displayName, String html, Instant createdAt, Instant editedAt) {

        static Reply of(Comment c) {
            return new Reply(c.id(), c.parentId(), c.displayName(), c.bodyHtml(), c.createdAt(), c.editedAt());
        }
    }

    /** What the author sees of their own comment, including whether it waits for moderation. */
    record OwnComment(UUID id, UUID postId, UUID parentId, String displayName, String body, String html,
                      CommentStatus status, Instant createdAt, Instant editedAt) {

        static OwnComment of(Comment c) {
            return new OwnComment(c.id(), c.postId(), c.parentId(), c.displayName(), c.bodyMarkdown(), c.bodyHtml(),
                    c.status(), c.createdAt(), c.editedAt());
        }
    }

    /** What moderators see. */
    record ModeratedComment(UUID id, UUID postId, UUID parentId, UUID authorId, String displayName, String body,
                            String html, CommentStatus status, String heldBecause, Instant createdAt, Instant editedAt) {

        static ModeratedComment of(Comment c) {
            return new ModeratedComment(c.id(), c.postId(), c.parentId(), c.authorId(), c.displayName(),
                    c.bodyMarkdown(), c.bodyHtml(), c.status(), c.heldBecause(), c.createdAt(), c.editedAt());
        }
    }

    enum BulkAction { APPROVE, REJECT, DELETE }

    record Bulk(@NotNull BulkAction action, @NotNull @Size(min = 1, max = 100) List<@NotNull UUID> ids) {
    }

    record Ban(@Size(max = 500) String reason) {
    }
}
