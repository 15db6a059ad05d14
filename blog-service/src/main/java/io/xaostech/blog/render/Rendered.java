package io.xaostech.blog.render;

/**
 * Markdown made safe for a page.
 *
 * @param html    sanitised HTML
 * @param text    the visible text only, for search and excerpts
 * @param version the {@link MarkdownRenderer#VERSION} that produced it
 */
public record Rendered(String html, String text, int version) {
}
