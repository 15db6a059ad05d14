package io.xaostech.blog.post;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the post version an editor's {@code If-Match} names (the ETag they were given). */
final class IfMatch {

    private static final Pattern ETAG = Pattern.compile("\"(\\d{1,9})\"");

    private IfMatch() {
    }

    /** The version, or a 428 when the header is missing. */
    static int required(String header) {
        if (header == null || header.isBlank()) {
            throw PostProblems.ifMatchRequired();
        }
        return parse(header);
    }

    /** The version, or null when the header is missing. */
    static Integer optional(String header) {
        return header == null || header.isBlank() ? null : parse(header);
    }

    private static int parse(String header) {
        Matcher m = ETAG.matcher(header.trim());
        if (!m.matches()) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "If-Match must be the post's ETag exactly as it was sent (for example \"3\").");
        }
        return Integer.parseInt(m.group(1));
    }
}
