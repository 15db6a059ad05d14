package io.xaostech.blog.post;

import io.xaostech.blog.cache.ContentCache;
import io.xaostech.blog.render.MarkdownRenderer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * When the sanitiser's allow-list changes ({@link MarkdownRenderer#VERSION}), renders every stored post again at
 * start-up, so HTML made under the old list is not served any more. Idempotent, so several instances may do it.
 */
@Component
class RenderUpgrade implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RenderUpgrade.class);
    private static final int BATCH = 100;

    private final Posts posts;
    private final MarkdownRenderer renderer;
    private final ContentCache cache;

    RenderUpgrade(Posts posts, MarkdownRenderer renderer, ContentCache cache) {
        this.posts = posts;
        this.renderer = renderer;
        this.cache = cache;
    }

    @Override
    public void run(ApplicationArguments args) {
        int total = 0;
        for (List<Post> stale = posts.renderedBefore(MarkdownRenderer.VERSION, BATCH); !stale.isEmpty();
             stale = posts.renderedBefore(MarkdownRenderer.VERSION, BATCH)) {
            stale.forEach(post -> posts.rerendered(post.id(), post.bodyMarkdown(), renderer.post(post.bodyMarkdown())));
            total += stale.size();
        }
        if (total > 0) {
            cache.changed();
            log.info("Rendered {} post(s) again under allow-list version {}", total, MarkdownRenderer.VERSION);
        }
    }
}
