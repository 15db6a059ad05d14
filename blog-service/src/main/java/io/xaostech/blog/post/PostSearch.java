package io.xaostech.blog.post;

import java.time.Instant;
import io.xaostech.platform.jdbc.Timestamps;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Full-text search over published posts with PostgreSQL: web-search syntax ({@code "exact phrase"}, {@code -not},
 * {@code or}), ranked with title above excerpt above body, and a snippet with the matches in {@code <mark>}.
 * The snippet is made from plain text and HTML-escaped before the marks are put in, so it is safe to show.
 */
@Component
class PostSearch {

    // Control characters never occur in rendered text: they mark the matches until the snippet is escaped.
    private static final String START = "\u0001";
    private static final String STOP = "\u0002";
    private static final String HEADLINE_OPTIONS = "StartSel=" + START + ", StopSel=" + STOP
            + ", MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=\" … \"";

    private final JdbcClient jdbc;

    PostSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One match: the snippet is safe HTML. */
    record Hit(UUID id, String slug, String title, String snippet, Instant publishedAt, double rank) {
    }

    List<Hit> search(String query, int offset, int limit) {
        return jdbc.sql("select id, slug, title, published_at, ts_rank_cd(search, q) as rank, "
                        + "ts_headline('english', body_text, q, :options) as snippet "
                        + "from posts, websearch_to_tsquery('english', :query) q "
                        + "where status = 'PUBLISHED' and search @@ q "
                        + "order by rank desc, published_at desc, id desc offset :offset limit :limit")
                .param("options", HEADLINE_OPTIONS)
                .param("query", query)
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, i) -> new Hit(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("title"),
                        safeSnippet(rs.getString("snippet")), Timestamps.instant(rs, "published_at"), rs.getDouble("rank")))
                .list();
    }

    static String safeSnippet(String headline) {
        return HtmlUtils.htmlEscape(headline.replace("\u0000", "")).replace(START, "<mark>").replace(STOP, "</mark>");
    }
}
