package io.xaostech.portfolio.content;

import java.util.List;
import java.util.Map;

/**
 * A project of the showcase.
 *
 * @param links    {@code repository}, {@code live} or {@code docs} to an https address
 * @param bodyHtml the Markdown body rendered (raw HTML in it escaped)
 */
public record Project(String slug, String title, String summary, int year, String status, boolean featured,
                      List<String> tags, List<String> technologies, Map<String, String> links, String bodyHtml) {

    public boolean matches(String tag, String technology) {
        return (tag == null || tags.stream().anyMatch(tag::equalsIgnoreCase))
                && (technology == null || technologies.stream().anyMatch(technology::equalsIgnoreCase));
    }
}
