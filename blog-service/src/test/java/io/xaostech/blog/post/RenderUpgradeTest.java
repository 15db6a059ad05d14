package io.xaostech.blog.post;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.blog.BlogApiTestBase;
import io.xaostech.blog.render.MarkdownRenderer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** HTML stored under an older allow-list is rendered again, and readers get the new HTML at once. */
class RenderUpgradeTest extends BlogApiTestBase {

    @Autowired
    RenderUpgrade upgrade;

    @Test
    void postsRenderedUnderAnOlderAllowListAreRenderedAgain() {
        String slug = "upgraded-" + uniqueWord();
        String id = publish("Upgraded", "Plain *text*", "\"slug\":\"" + slug + "\"");
        assertThat(get("/api/v1/blog/posts/" + slug, null).body()).contains("<em>text</em>");
        jdbc.sql("update posts set body_html = '<p onclick=\"x()\">old</p>', render_version = ? where id = ?::uuid")
                .param(MarkdownRenderer.VERSION - 1).param(id).update();

        upgrade.run(null);

        String html = JsonPath.read(get("/api/v1/blog/posts/" + slug, null).body(), "$.html");
        assertThat(html).isEqualTo("<p>Plain <em>text</em></p>");
        assertThat(jdbc.sql("select render_version from posts where id = ?::uuid").param(id).query(Integer.class).single())
                .isEqualTo(MarkdownRenderer.VERSION);
    }
}
