package io.xaostech.blog.privacy;

import static io.xaostech.platform.jdbc.Timestamps.instant;

import io.xaostech.blog.cache.ContentCache;
import io.xaostech.blog.comment.CommentsOfPerson;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.xaostech.platform.privacy.PersonalDataHooks;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Export and erasure of one person's data in blog. The rule (docs/adr/006-blog.md): their comments are
 * removed (text, name and authorship; a comment others replied to stays as an empty placeholder), their bans
 * lifted, and the posts, revisions and media they made as an editor stay as the site's content but no longer
 * name them. Erasing twice changes nothing the second time.
 */
@Service
public class PersonalData implements PersonalDataHooks {

    /** Stands for "an erased person" where a column may not be empty. */
    static final UUID ERASED = new UUID(0, 0);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ContentCache cache;
    private final CommentsOfPerson commentsOfPerson;

    PersonalData(JdbcClient jdbc, TransactionTemplate tx, ContentCache cache, CommentsOfPerson commentsOfPerson) {
        this.commentsOfPerson = commentsOfPerson;
        this.jdbc = jdbc;
        this.tx = tx;
        this.cache = cache;
    }

    public record Export(UUID userId, List<CommentData> comments, List<PostData> posts, List<MediaData> media) {
    }

    public record CommentData(UUID id, UUID postId, String displayName, String body, String status, Instant createdAt) {
    }

    public record PostData(UUID id, String slug, String title, String status, Instant createdAt) {
    }

    public record MediaData(UUID id, String filename, String contentType, Instant createdAt) {
    }

    /** What was changed: counts per kind. */
    public record Erasure(UUID userId, int commentsRemoved, int postsUnattributed, int mediaUnattributed) {
    }

    @Override
    public Export export(UUID user) {
        return new Export(user,
                jdbc.sql("select id, post_id, display_name, body_markdown, status, created_at from comments "
                                + "where author_id = ? order by created_at").param(user)
                        .query((rs, i) -> new CommentData(rs.getObject("id", UUID.class), rs.getObject("post_id", UUID.class),
                                rs.getString("display_name"), rs.getString("body_markdown"), rs.getString("status"),
                                instant(rs, "created_at"))).list(),
                jdbc.sql("select id, slug, title, status, created_at from posts where author_id = ? order by created_at")
                        .param(user)
                        .query((rs, i) -> new PostData(rs.getObject("id", UUID.class), rs.getString("slug"),
                                rs.getString("title"), rs.getString("status"), instant(rs, "created_at"))).list(),
                jdbc.sql("select id, filename, content_type, created_at from media where uploaded_by = ? order by created_at")
                        .param(user)
                        .query((rs, i) -> new MediaData(rs.getObject("id", UUID.class), rs.getString("filename"),
                                rs.getString("content_type"), instant(rs, "created_at"))).list());
    }

    @Override
    public Erasure erase(UUID user) {
        Erasure erasure = tx.execute(status -> {
            int comments = commentsOfPerson.erase(user);
            jdbc.sql("update commenter_bans set banned_by = ? where banned_by = ?").params(ERASED, user).update();
            int posts = jdbc.sql("update posts set author_id = null where author_id = ?").param(user).update();
            jdbc.sql("update post_revisions set saved_by = ? where saved_by = ?").params(ERASED, user).update();
            int media = jdbc.sql("update media set uploaded_by = null where uploaded_by = ?").param(user).update();
            return new Erasure(user, comments, posts, media);
        });
        if (erasure.commentsRemoved() + erasure.postsUnattributed() > 0) {
            cache.changed();
        }
        return erasure;
    }
}
