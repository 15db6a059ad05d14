package io.xaostech.blog.comment;

import io.xaostech.blog.comment.CommentViews.BulkAction;
import io.xaostech.blog.comment.CommentViews.NewComment;
import io.xaostech.blog.comment.CommentViews.Reply;
import io.xaostech.blog.comment.CommentViews.Thread;
import io.xaostech.blog.config.BlogProperties;
import io.xaostech.blog.post.PublishedPosts;
import io.xaostech.blog.render.MarkdownRenderer;
import io.xaostech.blog.render.Rendered;
import io.xaostech.common.page.Page;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.jdbc.KeysetCursor;
import io.xaostech.platform.jdbc.Pages;
import io.xaostech.platform.web.ProblemException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Posting, editing and moderating comments. */
@Service
class CommentService {

    private final Comments comments;
    private final PublishedPosts posts;
    private final MarkdownRenderer renderer;
    private final Moderation moderation;
    private final CommentRate rate;
    private final BlogProperties.Comments rules;
    private final Clock clock;
    private final TransactionTemplate tx;

    CommentService(Comments comments, PublishedPosts posts, MarkdownRenderer renderer, Moderation moderation,
                   CommentRate rate, BlogProperties properties, Clock clock, TransactionTemplate tx) {
        this.tx = tx;
        this.comments = comments;
        this.posts = posts;
        this.renderer = renderer;
        this.moderation = moderation;
        this.rate = rate;
        this.rules = properties.comments();
        this.clock = clock;
    }

    /** Counts against the author's hourly limit first (in Redis, outside the transaction), then stores. */
    Comment create(String slug, UUID author, NewComment in) {
        rate.admit(author);
        return tx.execute(status -> store(slug, author, in));
    }

    private Comment store(String slug, UUID author, NewComment in) {
        UUID postId = publishedPost(slug);
        refuseBanned(author);
        if (in.parentId() != null) {
            Optional<Comment> parent = comments.find(in.parentId());
            if (parent.isEmpty() || !parent.get().postId().equals(postId) || parent.get().parentId() != null
                    || parent.get().status() != CommentStatus.APPROVED) {
                throw new ProblemException(ProblemType.UNPROCESSABLE,
                        "A reply must answer an approved top-level comment of the same post.");
            }
        }
        Rendered rendered = renderer.comment(in.body());
        Optional<String> hold = moderation.holdReason(rendered.html(), rendered.text(), comments.hasApproved(author));
        Comment comment = new Comment(UUID.randomUUID(), postId, in.parentId(), author, in.displayName().strip(),
                in.body(), rendered.html(), hold.isPresent() ? CommentStatus.PENDING : CommentStatus.APPROVED,
                hold.orElse(null), clock.instant(), null);
        comments.insert(comment, rendered.version());
        return comments.find(comment.id()).orElseThrow();
    }

    /** An author's edit is moderated like a new comment; a rejected comment stays rejected. */
    @Transactional
    Comment edit(UUID id, UUID author, String body) {
        refuseBanned(author);
        Comment comment = ownWithinWindow(id, author);
        Rendered rendered = renderer.comment(body);
        Optional<String> hold = moderation.holdReason(rendered.html(), rendered.text(), comments.hasApproved(author));
        CommentStatus status = comment.status() == CommentStatus.REJECTED ? CommentStatus.REJECTED
                : hold.isPresent() || comment.status() == CommentStatus.PENDING && !comments.hasApproved(author)
                ? CommentStatus.PENDING : comment.status();
        comments.edit(id, body, rendered.html(), rendered.version(), status, hold.orElse(comment.heldBecause()));
        return comments.find(id).orElseThrow();
    }

    @Transactional
    void deleteOwn(UUID id, UUID author) {
        ownWithinWindow(id, author);
        comments.delete(List.of(id));
    }

    @Transactional(readOnly = true)
    Page<Thread> threads(String slug, String cursor, int limit) {
        UUID postId = publishedPost(slug);
        KeysetCursor after = KeysetCursor.decode(cursor);
        List<Comment> top = comments.threads(postId, after, limit + 1);
        Map<UUID, List<Reply>> replies = comments.approvedReplies(Pages.shown(top, limit).stream().map(Comment::id).toList())
                .stream().map(Reply::of).collect(Collectors.groupingBy(Reply::parentId));
        return Pages.of(top, limit, CommentService::cursorAfter, c -> {
            boolean deleted = c.status() == CommentStatus.DELETED;
            return new Thread(c.id(), deleted ? null : c.displayName(), deleted ? null : c.bodyHtml(), c.createdAt(),
                    c.editedAt(), deleted, replies.getOrDefault(c.id(), List.of()));
        });
    }

    @Transactional(readOnly = true)
    Page<Comment> queue(CommentStatus status, String cursor, int limit) {
        KeysetCursor after = KeysetCursor.decode(cursor);
        return Pages.of(comments.withStatus(status, after, limit + 1), limit, CommentService::cursorAfter, c -> c);
    }

    private static String cursorAfter(Comment comment) {
        return new KeysetCursor(comment.createdAt(), comment.id()).encode();
    }

    @Transactional
    int moderate(List<UUID> ids, BulkAction action) {
        return switch (action) {
            case APPROVE -> comments.setStatus(ids, CommentStatus.APPROVED);
            case REJECT -> comments.setStatus(ids, CommentStatus.REJECTED);
            case DELETE -> comments.delete(ids);
        };
    }

    @Transactional
    void moderateOne(UUID id, BulkAction action) {
        comments.find(id).orElseThrow(() -> notFound(id));
        moderate(List.of(id), action);
    }

    @Transactional
    void ban(UUID user, UUID by, String reason) {
        comments.ban(user, by, reason);
    }

    @Transactional
    boolean unban(UUID user) {
        return comments.unban(user);
    }

    private void refuseBanned(UUID user) {
        if (comments.isBanned(user)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "You may not comment on this blog.");
        }
    }

    private Comment ownWithinWindow(UUID id, UUID author) {
        Comment comment = comments.find(id).filter(c -> author.equals(c.authorId())).orElseThrow(() -> notFound(id));
        if (comment.createdAt().plus(rules.editWindow()).isBefore(clock.instant())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Comments can be changed only within "
                    + rules.editWindow().toMinutes() + " minutes of posting them.");
        }
        return comment;
    }

    private UUID publishedPost(String slug) {
        return posts.idOf(slug).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No published post at '" + slug + "'."));
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException(ProblemType.NOT_FOUND, "No comment " + id + " of yours.");
    }
}
