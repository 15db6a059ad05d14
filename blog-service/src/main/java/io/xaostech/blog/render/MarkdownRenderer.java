package io.xaostech.blog.render;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;

/**
 * Renders Markdown with CommonMark and sanitises the result with jsoup's allow-list, so no script, event
 * handler or {@code javascript:} URL can reach a reader, whatever the Markdown (or HTML inside it) says.
 * Posts, written by administrators, may use raw HTML within the allow-list; comments may not use HTML at all
 * and their links carry {@code rel="noopener nofollow ugc"}.
 *
 * <p>{@link #VERSION} names the allow-list: change it whenever the lists below change, and stored content
 * rendered under an older version is rendered again at start-up.
 */
@Component
public class MarkdownRenderer {

    public static final int VERSION = 1;

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer POST_HTML = HtmlRenderer.builder().extensions(EXTENSIONS)
            .sanitizeUrls(true).build();
    private static final HtmlRenderer COMMENT_HTML = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).build();
    private static final Cleaner POST_CLEANER = new Cleaner(postSafelist());
    private static final Cleaner COMMENT_CLEANER = new Cleaner(commentSafelist());
    private static final String RELATIVE_BASE = "https://relative.invalid/";

    /** A post body: rich formatting, images, tables; links open without a referrer handle on us. */
    public Rendered post(String markdown) {
        return clean(POST_HTML.render(PARSER.parse(markdown)), POST_CLEANER);
    }

    /** A comment: basic formatting and links only, links marked as user content. */
    public Rendered comment(String markdown) {
        return clean(COMMENT_HTML.render(PARSER.parse(markdown)), COMMENT_CLEANER);
    }

    private static Rendered clean(String html, Cleaner cleaner) {
        // The base only lets relative links (our own media) be checked; they stay relative in the output.
        Document clean = cleaner.clean(Jsoup.parseBodyFragment(html, RELATIVE_BASE));
        clean.outputSettings().prettyPrint(false);
        return new Rendered(clean.body().html().strip(), clean.body().text(), VERSION);
    }

    private static Safelist postSafelist() {
        return Safelist.relaxed()
                .addTags("hr", "del", "s")
                .addAttributes("code", "class")
                .addAttributes("th", "align")
                .addAttributes("td", "align")
                .addEnforcedAttribute("a", "rel", "noopener")
                .preserveRelativeLinks(true);
    }

    private static Safelist commentSafelist() {
        return Safelist.basic()
                .removeTags("cite", "q", "dl", "dt", "dd", "sub", "sup", "small", "span")
                .addEnforcedAttribute("a", "rel", "noopener nofollow ugc")
                .preserveRelativeLinks(true);
    }
}
