package io.xaostech.blog.comment;

import io.xaostech.blog.config.BlogProperties;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Decides whether a new or edited comment waits for a moderator, as WordPress does: too many links, a
 * disallowed word, or a commenter with no approved comment yet. Anyone with an approved comment is trusted.
 */
@Component
class Moderation {

    private static final Pattern LINK = Pattern.compile("<a\\s");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}-]*");

    private final BlogProperties.Comments rules;

    Moderation(BlogProperties properties) {
        this.rules = properties.comments();
    }

    /** Why this comment must wait for a moderator, or empty if it may be shown at once. */
    Optional<String> holdReason(String renderedHtml, String text, boolean trustedCommenter) {
        long links = LINK.matcher(renderedHtml).results().count();
        if (links > rules.maxLinks()) {
            return Optional.of("more than " + rules.maxLinks() + " links");
        }
        Matcher words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (words.find()) {
            if (rules.disallowedWords().stream().anyMatch(w -> w.toLowerCase(Locale.ROOT).equals(words.group()))) {
                return Optional.of("a disallowed word");
            }
        }
        if (!trustedCommenter) {
            return Optional.of("first comment of this commenter");
        }
        return Optional.empty();
    }
}
