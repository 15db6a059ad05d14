package io.xaostech.blog.comment;

import static org.assertj.core.api.Assertions.assertThat;

import io.xaostech.blog.BlogApiTestBase;
import io.xaostech.blog.render.MarkdownRenderer;
import io.xaostech.common.security.Role;
import io.xaostech.platform.test.TestIssuer;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CommentRenderUpgradeTest extends BlogApiTestBase {

    @Autowired
    CommentRenderUpgrade upgrade;

    @Test
    void commentsRenderedUnderAnOlderAllowListAreRenderedAgain() {
        String slug = "comment-upgrade-" + uniqueWord();
        publish("Comment upgrade", "x", "\"slug\":\"" + slug + "\"");
        String token = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER);
        String id = com.jayway.jsonpath.JsonPath.read(send("POST", "/api/v1/blog/posts/" + slug + "/comments", token,
                "{\"body\":\"**hi**\",\"displayName\":\"D\"}").body(), "$.id");
        jdbc.sql("update comments set body_html = '<b onmouseover=\"x()\">old</b>', render_version = ? where id = ?::uuid")
                .param(MarkdownRenderer.VERSION - 1).param(id).update();

        upgrade.run(null);

        assertThat(jdbc.sql("select body_html from comments where id = ?::uuid").param(id).query(String.class).single())
                .isEqualTo("<p><strong>hi</strong></p>");
    }
}
