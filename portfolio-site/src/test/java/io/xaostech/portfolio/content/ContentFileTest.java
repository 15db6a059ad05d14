package io.xaostech.portfolio.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A content file that breaks a rule stops the start, naming the file and the rule. */
class ContentFileTest {

    @Test
    void frontMatterAndMarkdownAreReadAndRawHtmlIsEscaped() {
        ContentFile file = ContentFile.parse("x.md", "---\ntitle: X\nyear: 2026\ntags: [a, b]\n---\n# Hi\n<script>alert(1)</script>\n");
        assertThat(file.text("title", 10, true)).isEqualTo("X");
        assertThat(file.number("year", 1990, 2100)).isEqualTo(2026);
        assertThat(file.labels("tags", false, true)).containsExactly("a", "b");
        assertThat(file.bodyHtml()).contains("<h1>Hi</h1>").contains("&lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void brokenFilesAreRefusedWithTheirNameAndTheRule() {
        assertThatThrownBy(() -> ContentFile.parse("a.md", "no front matter")).hasMessageContaining("a.md")
                .hasMessageContaining("must start with");
        assertThatThrownBy(() -> ContentFile.parse("b.md", "---\ntitle: [unclosed\n---\n"))
                .hasMessageContaining("b.md").hasMessageContaining("not valid YAML");
        ContentFile file = ContentFile.parse("c.md", "---\nyear: old\nstatus: gone\ntags: [\"<b>\"]\n"
                + "links: {repository: 'http://insecure.example'}\n---\n");
        assertThatThrownBy(() -> file.text("title", 10, true)).hasMessageContaining("needs 'title'");
        assertThatThrownBy(() -> file.number("year", 1990, 2100)).hasMessageContaining("'year'");
        assertThatThrownBy(() -> file.oneOf("status", Set.of("live"))).hasMessageContaining("'status'");
        assertThatThrownBy(() -> file.labels("tags", false, true)).hasMessageContaining("not a valid label");
        assertThatThrownBy(file::links).hasMessageContaining("https");
        assertThatThrownBy(() -> ContentFile.parse("e.md", "---\n---\n")).hasMessageContaining("e.md")
                .hasMessageContaining("mapping");
        assertThat(ContentFile.parse("f.md", "---\ntitle: At the end\n---").text("title", 20, true)).isEqualTo("At the end");
        assertThatThrownBy(() -> ContentFile.parse("d.md", "---\n!!java.io.File [x]\n---\n"))
                .as("no arbitrary types from YAML").hasMessageContaining("d.md");
    }
}
