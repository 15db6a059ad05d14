package io.xaostech.lingua.translate;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.ParseErrorList;
import org.jsoup.parser.Parser;

/**
 * An HTML fragment whose text nodes are translated and whose markup is kept as it was. Text inside {@code script},
 * {@code style}, {@code code}, {@code pre} and the like, or under {@code translate="no"} or {@code class="notranslate"},
 * is left alone. A fragment the HTML parser reports errors for, or nested deeper than the limit, is refused.
 */
final class HtmlText {

    private static final Set<String> UNTRANSLATED = Set.of("script", "style", "code", "pre", "kbd", "samp", "var",
            "template", "textarea", "noscript", "svg", "math");

    private final Element body;
    private final List<TextNode> texts = new ArrayList<>();

    private HtmlText(Element body) {
        this.body = body;
    }

    static HtmlText parse(String html, int maxDepth) {
        ParseErrorList errors = ParseErrorList.tracking(1);
        Document shell = Document.createShell("");
        shell.outputSettings().prettyPrint(false);
        List<Node> nodes = Parser.parseFragment(html, shell.body(), "", errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "Malformed HTML: " + errors.get(0).getErrorMessage()
                    + " (at character " + errors.get(0).getPosition() + ").", Map.of("format", "html"));
        }
        HtmlText text = new HtmlText(shell.body());
        nodes.forEach(shell.body()::appendChild);
        int depth = depth(shell.body(), 0, maxDepth);
        if (depth > maxDepth) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The HTML is nested deeper than " + maxDepth
                    + " elements.", Map.of("limit", maxDepth, "format", "html"));
        }
        text.collect(shell.body());
        return text;
    }

    private static int depth(Element element, int level, int maxDepth) {
        int deepest = level;
        for (Element child : element.children()) {
            if (deepest > maxDepth) {
                break;
            }
            deepest = Math.max(deepest, depth(child, level + 1, maxDepth));
        }
        return deepest;
    }

    private void collect(Element element) {
        if (UNTRANSLATED.contains(element.normalName()) || "no".equalsIgnoreCase(element.attr("translate"))
                || element.hasClass("notranslate")) {
            return;
        }
        for (Node child : element.childNodes()) {
            if (child instanceof TextNode text && !text.isBlank()) {
                texts.add(text);
            } else if (child instanceof Element inner) {
                collect(inner);
            }
        }
    }

    /** The texts to translate, without their surrounding whitespace. */
    List<String> segments() {
        return texts.stream().map(t -> t.getWholeText().strip()).toList();
    }

    /** The fragment with each segment replaced by its translation; whitespace around each is kept. */
    String render(UnaryOperator<String> translation) {
        for (TextNode text : texts) {
            String whole = text.getWholeText();
            String core = whole.strip();
            int start = whole.indexOf(core);
            text.text(whole.substring(0, start) + translation.apply(core) + whole.substring(start + core.length()));
        }
        return body.html();
    }
}
