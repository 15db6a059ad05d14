package io.xaostech.portfolio.content;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * One content file: YAML front matter between {@code ---} lines, then Markdown. Every field is checked, and a file
 * that breaks a rule stops the start with its name and the rule, so a bad edit never reaches visitors.
 */
public final class ContentFile {

    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** A tag or technology: at most 40 letters, digits, spaces or {@code .+#/-}. */
    public static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N} .+#/-]{1,40}");
    private static final Set<String> LINK_KINDS = Set.of("repository", "live", "docs");
    private static final Parser MARKDOWN = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private final String name;
    private final Map<String, Object> fields;
    private final String body;

    private ContentFile(String name, Map<String, Object> fields, String body) {
        this.name = name;
        this.fields = fields;
        this.body = body;
    }

    static ContentFile parse(String name, String text) {
        String normalised = text.replace("\r\n", "\n") + "\n";
        if (!normalised.startsWith("---\n")) {
            throw invalid(name, "must start with a '---' line opening its front matter");
        }
        int end = normalised.indexOf("\n---\n", 3);
        if (end < 0) {
            throw invalid(name, "has no '---' line closing its front matter");
        }
        Object yaml;
        try {
            yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(end < 4 ? "" : normalised.substring(4, end));
        } catch (YAMLException e) {
            throw invalid(name, "front matter is not valid YAML: " + e.getMessage());
        }
        if (!(yaml instanceof Map<?, ?> map)) {
            throw invalid(name, "front matter must be a mapping of fields");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        map.forEach((k, v) -> fields.put(String.valueOf(k), v));
        return new ContentFile(name, fields, normalised.substring(end + 5));
    }

    String text(String field, int max, boolean required) {
        Object value = fields.get(field);
        if (value == null) {
            if (required) {
                throw invalid(name, "needs '" + field + "'");
            }
            return "";
        }
        String text = String.valueOf(value).strip();
        if (text.isEmpty() || text.length() > max) {
            throw invalid(name, "'" + field + "' must be 1 to " + max + " characters");
        }
        return text;
    }

    int number(String field, int min, int max) {
        if (!(fields.get(field) instanceof Integer value) || value < min || value > max) {
            throw invalid(name, "'" + field + "' must be a whole number from " + min + " to " + max);
        }
        return value;
    }

    boolean flag(String field) {
        Object value = fields.getOrDefault(field, false);
        if (!(value instanceof Boolean flag)) {
            throw invalid(name, "'" + field + "' must be true or false");
        }
        return flag;
    }

    String oneOf(String field, Set<String> allowed) {
        String value = text(field, 40, true);
        if (!allowed.contains(value)) {
            throw invalid(name, "'" + field + "' must be one of " + allowed);
        }
        return value;
    }

    /** A list of short labels (tags, technologies), or of slugs when {@code slugs}. */
    List<String> labels(String field, boolean slugs, boolean required) {
        Object value = fields.get(field);
        if (value == null && !required) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > 30) {
            throw invalid(name, "'" + field + "' must be a list of 1 to 30 entries");
        }
        List<String> labels = new ArrayList<>();
        for (Object item : list) {
            String label = String.valueOf(item).strip();
            if (!(slugs ? SLUG : LABEL).matcher(label).matches()) {
                throw invalid(name, "'" + field + "' has an entry that is not a valid " + (slugs ? "slug" : "label")
                        + ": " + label);
            }
            labels.add(label);
        }
        return List.copyOf(labels);
    }

    Map<String, String> links() {
        Object value = fields.get("links");
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(name, "'links' must map repository/live/docs to addresses");
        }
        Map<String, String> links = new LinkedHashMap<>();
        map.forEach((kind, address) -> {
            if (!LINK_KINDS.contains(String.valueOf(kind))) {
                throw invalid(name, "'links' may only name " + LINK_KINDS);
            }
            String url = String.valueOf(address);
            try {
                URI uri = URI.create(url);
                if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw invalid(name, "link '" + kind + "' must be an https address");
            }
            links.put(String.valueOf(kind), url);
        });
        return links;
    }

    String bodyHtml() {
        return HTML.render(MARKDOWN.parse(body));
    }

    static IllegalStateException invalid(String name, String problem) {
        return new IllegalStateException("Content file " + name + " " + problem);
    }
}
