package io.xaostech.lingua.api;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

/**
 * A LibreTranslate request as it arrived, JSON or form: {@code q} (one text or, in JSON, an array), {@code source},
 * {@code target}, {@code format}, {@code alternatives}, {@code api_key}. Missing fields are refused with
 * LibreTranslate's wording.
 */
record TranslateInput(List<String> q, boolean batch, String source, String target, String format, int alternatives,
                      String apiKey) {

    static TranslateInput fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("Invalid request: the body must be a JSON object", "body");
        }
        JsonNode q = body.get("q");
        List<String> texts = new ArrayList<>();
        boolean batch = false;
        if (q != null && q.isArray()) {
            batch = true;
            for (JsonNode item : q) {
                if (!item.isString()) {
                    throw invalid("Invalid request: q must be a string or an array of strings", "q");
                }
                texts.add(item.asString());
            }
        } else if (q != null && q.isString()) {
            texts.add(q.asString());
        } else if (q != null && !q.isNull()) {
            throw invalid("Invalid request: q must be a string or an array of strings", "q");
        }
        return new TranslateInput(texts, batch, text(body, "source"), text(body, "target"), text(body, "format"),
                alternatives(text(body, "alternatives")), text(body, "api_key"));
    }

    static TranslateInput fromForm(MultiValueMap<String, String> form) {
        String q = form.getFirst("q");
        return new TranslateInput(q == null ? List.of() : List.of(q), false, form.getFirst("source"),
                form.getFirst("target"), form.getFirst("format"), alternatives(form.getFirst("alternatives")),
                form.getFirst("api_key"));
    }

    /** The single text of a detection request. */
    String single() {
        if (q.isEmpty() || q.get(0).isEmpty()) {
            throw invalid("Invalid request: missing q parameter", "q");
        }
        if (batch) {
            throw invalid("Invalid request: q must be a single string here", "q");
        }
        return q.get(0);
    }

    void requireTranslationFields() {
        if (q.isEmpty() || (!batch && q.get(0).isEmpty())) {
            throw invalid("Invalid request: missing q parameter", "q");
        }
        if (source == null || source.isBlank()) {
            throw invalid("Invalid request: missing source parameter", "source");
        }
        if (target == null || target.isBlank()) {
            throw invalid("Invalid request: missing target parameter", "target");
        }
    }

    int chars() {
        return q.stream().mapToInt(String::length).sum();
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() && !value.isNumber()) {
            throw invalid("Invalid request: " + field + " must be a string", field);
        }
        return value.asString();
    }

    private static int alternatives(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid("Invalid request: alternatives must be a whole number from 0", "alternatives");
        }
    }

    static ProblemException invalid(String detail, String field) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail + ".", Map.of("field", field));
    }
}
