package io.xaostech.blog.comment;

import io.xaostech.blog.render.MarkdownRenderer;
import io.xaostech.blog.render.Rendered;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Renders stored comments again at start-up when the allow-list changed, as posts are (see {@code RenderUpgrade}). */
@Component
class CommentRenderUpgrade implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CommentRenderUpgrade.class);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final MarkdownRenderer renderer;

    CommentRenderUpgrade(JdbcClient jdbc, MarkdownRenderer renderer) {
        this.jdbc = jdbc;
        this.renderer = renderer;
    }

    private record Stale(UUID id, String markdown) {
    }

    @Override
    public void run(ApplicationArguments args) {
        int total = 0;
        while (true) {
            var stale = jdbc.sql("select id, body_markdown from comments where render_version < ? limit ?")
                    .param(MarkdownRenderer.VERSION).param(BATCH)
                    .query((rs, i) -> new Stale(rs.getObject("id", UUID.class), rs.getString("body_markdown"))).list();
            if (stale.isEmpty()) {
                break;
            }
            for (Stale comment : stale) {
                Rendered rendered = renderer.comment(comment.markdown());
                jdbc.sql("update comments set body_html = ?, render_version = ? where id = ?")
                        .params(rendered.html(), rendered.version(), comment.id()).update();
            }
            total += stale.size();
        }
        if (total > 0) {
            log.info("Rendered {} comment(s) again under allow-list version {}", total, MarkdownRenderer.VERSION);
        }
    }
}
