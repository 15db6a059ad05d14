package io.xaostech.blog.comment;

import static io.xaostech.platform.jdbc.Timestamps.instant;
import static io.xaostech.platform.jdbc.Timestamps.utc;

import io.xaostech.platform.jdbc.KeysetCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code comments} and {@code commenter_bans} tables. */
@Repository
class Comments {

    private static final String COLUMNS = "id, post_id, parent_id, author_id, display_name, body_markdown, body_html, "
            + "status, held_because, created_at, edited_at";

    /** Replies shown under one comment; more is unusual for a blog and would make a page unbounded. */
    static final int MAX_REPLIES_SHOWN = 100;

    private final JdbcClient jdbc;

    Comments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Comment c, int renderVersion) {
        jdbc.sql("insert into comments (id, post_id, parent_id, author_id, display_name, body_markdown, body_html, "
                        + "render_version, status, held_because) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), c.postId(), c.parentId(), c.authorId(), c.displayName(), c.bodyMarkdown(), c.bodyHtml(),
                        renderVersion, c.status().name(), c.heldBecause())
                .update();
    }

    void edit(UUID id, String markdown, String html, int renderVersion, CommentStatus status, String heldBecause) {
        jdbc.sql("update comments set body_markdown = ?, body_html = ?, render_version = ?, status = ?, "
                        + "held_because = ?, edited_at = now() where id = ?")
                .params(markdown, html, renderVersion, status.name(), heldBecause, id).update();
    }

    Optional<Comment> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from comments where id = ?").param(id).query(Comments::comment).optional();
    }

    /** Moves comments from one moderation state to another; answers how many moved. */
    int setStatus(Collection<UUID> ids, CommentStatus status) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("update comments set status = ?, held_because = null where id = any(?) and status <> 'DELETED'")
                .param(status.name()).param(ids.toArray(UUID[]::new)).update();
    }

    /**
     * Removes comments: those others replied to stay as a {@link CommentStatus#DELETED} placeholder without text
     * or author, the rest go.
     */
    int delete(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        UUID[] array = ids.toArray(UUID[]::new);
        int kept = jdbc.sql("update comments c set status = 'DELETED', body_markdown = '', body_html = '', author_id = null, "
                        + "display_name = '', held_because = null where c.id = any(?) "
                        + "and exists (select 1 from comments r where r.parent_id = c.id)")
                .param(array).update();
        int removed = jdbc.sql("delete from comments c where c.id = any(?) "
                        + "and not exists (select 1 from comments r where r.parent_id = c.id)")
                .param(array).update();
        return kept + removed;
    }

    boolean hasApproved(UUID author) {
        return jdbc.sql("select exists (select 1 from comments where author_id = ? and status = 'APPROVED')")
                .param(author).query(Boolean.class).single();
    }

    /** Approved top-level comments of a post (and placeholders with replies), oldest first, after a cursor. */
    List<Comment> threads(UUID postId, KeysetCursor after, int limit) {
        return jdbc.sql("select " + COLUMNS + " from comments c where post_id = :post and parent_id is null "
                        + "and (status = 'APPROVED' or (status = 'DELETED' and exists "
                        + "(select 1 from comments r where r.parent_id = c.id and r.status = 'APPROVED'))) "
                        + "and (cast(:at as timestamptz) is null or (created_at, id) > (cast(:at as timestamptz), :id)) "
                        + "order by created_at, id limit :limit")
                .param("post", postId)
                .param("at", after == null ? null : utc(after.at()))
                .param("id", after == null ? new UUID(0, 0) : after.id())
                .param("limit", limit)
                .query(Comments::comment).list();
    }

    List<Comment> approvedReplies(Collection<UUID> parents) {
        if (parents.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from (select c.*, row_number() over (partition by parent_id "
                        + "order by created_at, id) as n from comments c where parent_id = any(?) and status = 'APPROVED') r "
                        + "where n <= ? order by created_at, id")
                .param(parents.toArray(UUID[]::new)).param(MAX_REPLIES_SHOWN).query(Comments::comment).list();
    }

    /** The moderation queue (or any status), oldest first. */
    List<Comment> withStatus(CommentStatus status, KeysetCursor after, int limit) {
        return jdbc.sql("select " + COLUMNS + " from comments where status = :status "
                        + "and (cast(:at as timestamptz) is null or (created_at, id) > (cast(:at as timestamptz), :id)) "
                        + "order by created_at, id limit :limit")
                .param("status", status.name())
                .param("at", after == null ? null : utc(after.at()))
                .param("id", after == null ? new UUID(0, 0) : after.id())
                .param("limit", limit)
                .query(Comments::comment).list();
    }

    /** The author's comments removed as {@link #delete} removes them, and any ban on them lifted. */
    int eraseAuthor(UUID author) {
        List<UUID> ids = jdbc.sql("select id from comments where author_id = ?").param(author).query(UUID.class).list();
        int removed = delete(ids);
        jdbc.sql("delete from commenter_bans where user_id = ?").param(author).update();
        return removed;
    }

    record Unrendered(UUID id, String markdown) {
    }

    List<Unrendered> renderedBefore(int version, int limit) {
        return jdbc.sql("select id, body_markdown from comments where render_version < ? limit ?")
                .params(version, limit)
                .query((rs, i) -> new Unrendered(rs.getObject("id", UUID.class), rs.getString("body_markdown"))).list();
    }

    /** Stores a new rendering of {@code markdown}, unless the comment changed (edited, erased) since it was read. */
    void rerendered(UUID id, String markdown, String html, int version) {
        jdbc.sql("update comments set body_html = ?, render_version = ? where id = ? and render_version < ? "
                        + "and body_markdown = ?")
                .params(html, version, id, version, markdown).update();
    }

    boolean isBanned(UUID user) {
        return jdbc.sql("select exists (select 1 from commenter_bans where user_id = ?)").param(user)
                .query(Boolean.class).single();
    }

    void ban(UUID user, UUID by, String reason) {
        jdbc.sql("insert into commenter_bans (user_id, banned_by, reason) values (?, ?, ?) "
                        + "on conflict (user_id) do update set banned_by = excluded.banned_by, reason = excluded.reason, "
                        + "created_at = now()")
                .params(user, by, reason).update();
        jdbc.sql("update comments set status = 'REJECTED', held_because = 'commenter banned' "
                + "where author_id = ? and status = 'PENDING'").param(user).update();
    }

    boolean unban(UUID user) {
        return jdbc.sql("delete from commenter_bans where user_id = ?").param(user).update() == 1;
    }

    private static Comment comment(ResultSet rs, int row) throws SQLException {
        return new Comment(rs.getObject("id", UUID.class), rs.getObject("post_id", UUID.class),
                rs.getObject("parent_id", UUID.class), rs.getObject("author_id", UUID.class),
                rs.getString("display_name"), rs.getString("body_markdown"), rs.getString("body_html"),
                CommentStatus.valueOf(rs.getString("status")), rs.getString("held_because"),
                instant(rs, "created_at"), instant(rs, "edited_at"));
    }
}
