package io.xaostech.blog.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Whatever the Markdown says, no script, event handler or javascript: URL reaches a reader. */
class MarkdownRendererTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<svg onload=alert(1)></svg>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "<p onclick=\"alert(1)\">hi</p>",
            "<form action=\"https://evil.example\"><input name=a></form>"})
    void hostileMarkupNeverReachesThePage(String markdown) {
        for (Rendered rendered : new Rendered[] {renderer.post(markdown), renderer.comment(markdown)}) {
            Document page = Jsoup.parseBodyFragment(rendered.html());
            assertThat(page.select("script, iframe, svg, form, input, object, embed, style")).as(rendered.html()).isEmpty();
            for (Element element : page.getAllElements()) {
                for (Attribute attribute : element.attributes()) {
                    assertThat(attribute.getKey()).as(rendered.html()).doesNotStartWith("on").isNotEqualTo("style");
                    assertThat(attribute.getValue().toLowerCase()).as(rendered.html())
                            .doesNotContain("javascript:").doesNotStartWith("data:");
                }
            }
        }
    }

    @Test
    void postsKeepRichFormattingAndLinksGetNoopener() {
        Rendered rendered = renderer.post("# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```java\nint x;\n```\n\n"
                + "![cover](/api/v1/blog/media/abc/original) [site](https://example.com)");
        assertThat(rendered.html()).contains("<h1>Title</h1>", "<table>", "<td>1</td>",
                "<code class=\"language-java\">int x;", "<img src=\"/api/v1/blog/media/abc/original\" alt=\"cover\">",
                "<a href=\"https://example.com\" rel=\"noopener\">site</a>");
        assertThat(rendered.text()).contains("Title", "int x;");
        assertThat(rendered.version()).isEqualTo(MarkdownRenderer.VERSION);
    }

    @Test
    void commentsEscapeHtmlAndMarkLinksAsUserContent() {
        Rendered rendered = renderer.comment("**bold** <b>raw</b> [me](https://example.com) ![img](https://example.com/x.png)");
        assertThat(rendered.html()).contains("<strong>bold</strong>", "&lt;b&gt;raw&lt;/b&gt;",
                "<a href=\"https://example.com\" rel=\"noopener nofollow ugc\">me</a>").doesNotContain("<img");
    }
}
