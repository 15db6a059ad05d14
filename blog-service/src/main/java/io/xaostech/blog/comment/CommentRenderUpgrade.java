package io.xaostech.blog.comment;

import io.xaostech.blog.render.MarkdownRenderer;
import io.xaostech.blog.render.Rendered;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Renders stored comments again at start-up when the allow-list changed, as posts are (see {@code RenderUpgrade}). */
@Component
class CommentRenderUpgrade implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CommentRenderUpgrade.class);
    private static final int BATCH = 500;

    private final Comments comments;
    private final MarkdownRenderer renderer;

    CommentRenderUpgrade(Comments comments, MarkdownRenderer renderer) {
        this.comments = comments;
        this.renderer = renderer;
    }

    @Override
    public void run(ApplicationArguments args) {
        int total = 0;
        for (List<Comments.Unrendered> stale = comments.renderedBefore(MarkdownRenderer.VERSION, BATCH); !stale.isEmpty();
             stale = comments.renderedBefore(MarkdownRenderer.VERSION, BATCH)) {
            for (Comments.Unrendered comment : stale) {
                Rendered rendered = renderer.comment(comment.markdown());
                comments.rerendered(comment.id(), comment.markdown(), rendered.html(), rendered.version());
            }
            total += stale.size();
        }
        if (total > 0) {
            log.info("Rendered {} comment(s) again under allow-list version {}", total, MarkdownRenderer.VERSION);
        }
    }
}
