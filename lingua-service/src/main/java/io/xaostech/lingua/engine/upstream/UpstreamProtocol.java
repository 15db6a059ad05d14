package io.xaostech.lingua.engine.upstream;

import io.xaostech.lingua.language.LanguagePair;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The two upstream dialects: LibreTranslate's {@code POST /translate} and DeepL's {@code POST /v2/translate}. */
enum UpstreamProtocol {

    NONE, LIBRETRANSLATE, DEEPL;

    /** The upstream answered, but not with translations. */
    static final class UpstreamFailed extends RuntimeException {
        UpstreamFailed(String message) {
            super(message);
        }
    }

    static UpstreamProtocol of(String kind) {
        try {
            return valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("xaos.lingua.upstream.kind must be none, libretranslate or deepl: " + kind);
        }
    }

    URI endpoint(URI base) {
        String root = base.toString().replaceAll("/+$", "");
        return URI.create(root + (this == DEEPL ? "/v2/translate" : "/translate"));
    }

    void authorize(HttpRequest.Builder request, String apiKey) {
        if (this == DEEPL && apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "DeepL-Auth-Key " + apiKey);
        }
    }

    Map<String, Object> body(LanguagePair pair, List<String> texts, String apiKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (this == DEEPL) {
            body.put("text", texts);
            body.put("source_lang", pair.source().toUpperCase(Locale.ROOT));
            body.put("target_lang", deeplTarget(pair.target()));
            body.put("preserve_formatting", true);
        } else {
            body.put("q", texts);
            body.put("source", pair.source());
            body.put("target", pair.target());
            body.put("format", "text");
            if (apiKey != null && !apiKey.isBlank()) {
                body.put("api_key", apiKey);
            }
        }
        return body;
    }

    /** DeepL wants a variant for English and Portuguese targets. */
    private static String deeplTarget(String target) {
        return switch (target) {
            case "en" -> "EN-US";
            case "pt" -> "PT-PT";
            default -> target.toUpperCase(Locale.ROOT);
        };
    }

    List<String> translations(JsonNode answer) {
        List<String> texts = new ArrayList<>();
        if (this == DEEPL) {
            answer.path("translations").forEach(t -> texts.add(t.path("text").asText()));
        } else {
            JsonNode translated = answer.path("translatedText");
            if (translated.isArray()) {
                translated.forEach(t -> texts.add(t.asText()));
            } else if (translated.isString()) {
                texts.add(translated.asText());
            }
        }
        return texts;
    }
}
