package io.xaostech.blog.post;

import io.xaostech.blog.post.PostViews.Revision;
import io.xaostech.platform.jdbc.Timestamps;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** A post's saved states: one per save, numbered from 1, kept as the editor's input in JSON. */
@Repository
class Revisions {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Revisions(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    int add(PostId post, UUID savedBy, PostInput content) {
        return jdbc.sql("insert into post_revisions (post_id, revision, saved_by, content) "
                        + "values (:post, (select coalesce(max(revision), 0) + 1 from post_revisions where post_id = :post), "
                        + ":savedBy, cast(:content as jsonb)) returning revision")
                .param("post", post.value())
                .param("savedBy", savedBy)
                .param("content", json.writeValueAsString(content))
                .query(Integer.class).single();
    }

    /** Newest first, before revision {@code before} if given. */
    List<Revision> list(PostId post, Integer before, int limit) {
        return jdbc.sql("select revision, saved_by, saved_at, content from post_revisions "
                        + "where post_id = :post and (cast(:before as integer) is null or revision < :before) "
                        + "order by revision desc limit :limit")
                .param("post", post.value()).param("before", before).param("limit", limit)
                .query((rs, i) -> new Revision(rs.getInt("revision"), rs.getObject("saved_by", UUID.class),
                        Timestamps.instant(rs, "saved_at"), json.readValue(rs.getString("content"), PostInput.class)))
                .list();
    }

    Optional<PostInput> find(PostId post, int revision) {
        return jdbc.sql("select content from post_revisions where post_id = ? and revision = ?")
                .param(post.value()).param(revision)
                .query((rs, i) -> json.readValue(rs.getString("content"), PostInput.class)).optional();
    }
}
