package io.xaostech.lingua.api;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.lingua.access.Caller;
import io.xaostech.lingua.access.Callers;
import io.xaostech.lingua.access.Quotas;
import io.xaostech.lingua.config.LinguaProperties;
import io.xaostech.lingua.detect.LanguageDetection;
import io.xaostech.lingua.engine.Engines;
import io.xaostech.lingua.language.LanguagePair;
import io.xaostech.lingua.language.Languages;
import io.xaostech.lingua.translate.Format;
import io.xaostech.lingua.translate.Translator;
import io.xaostech.platform.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * LibreTranslate's API under {@code /api/v1/lingua}: {@code POST /translate}, {@code POST /detect},
 * {@code GET /languages} and {@code GET /frontend/settings}, with its field names, response shapes and error
 * member, so a LibreTranslate client pointed at {@code …/api/v1/lingua} works unchanged. Requests come as JSON or
 * as forms (urlencoded or multipart), as LibreTranslate accepts them.
 */
@RestController
@RequestMapping("/api/v1/lingua")
class LibreTranslateController {

    private static final Set<String> PATHS = Set.of("/api/v1/lingua/translate", "/api/v1/lingua/detect",
            "/api/v1/lingua/languages", "/api/v1/lingua/frontend/settings");
    private static final String FORMS = MediaType.APPLICATION_FORM_URLENCODED_VALUE;

    private final Translator translator;
    private final LanguageDetection detection;
    private final Engines engines;
    private final Callers callers;
    private final Quotas quotas;
    private final LinguaProperties properties;

    LibreTranslateController(Translator translator, LanguageDetection detection, Engines engines, Callers callers,
                             Quotas quotas, LinguaProperties properties) {
        this.translator = translator;
        this.detection = detection;
        this.engines = engines;
        this.callers = callers;
        this.quotas = quotas;
        this.properties = properties;
    }

    static boolean isLibreTranslatePath(String path) {
        return PATHS.contains(path);
    }

    @PostMapping(path = "/translate", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> translateJson(@RequestBody JsonNode body, HttpServletRequest request) {
        return translate(TranslateInput.fromJson(body), request);
    }

    @PostMapping(path = "/translate", consumes = {FORMS, MediaType.MULTIPART_FORM_DATA_VALUE})
    Map<String, Object> translateForm(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
        return translate(TranslateInput.fromForm(form), request);
    }

    @PostMapping(path = "/detect", consumes = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> detectJson(@RequestBody JsonNode body, HttpServletRequest request) {
        return detect(TranslateInput.fromJson(body), request);
    }

    @PostMapping(path = "/detect", consumes = {FORMS, MediaType.MULTIPART_FORM_DATA_VALUE})
    List<Map<String, Object>> detectForm(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
        return detect(TranslateInput.fromForm(form), request);
    }

    @GetMapping("/languages")
    List<Map<String, Object>> languages() {
        Map<String, Set<String>> targets = new TreeMap<>();
        Map<String, Set<String>> missing = new TreeMap<>();
        engines.available().forEach(p -> targets.computeIfAbsent(p.source(), s -> new TreeSet<>()).add(p.target()));
        engines.missing().forEach(p -> missing.computeIfAbsent(p.source(), s -> new TreeSet<>()).add(p.target()));
        Set<String> sources = new TreeSet<>(targets.keySet());
        sources.addAll(missing.keySet());
        List<Map<String, Object>> languages = new ArrayList<>();
        for (String code : sources) {
            Map<String, Object> language = new LinkedHashMap<>();
            language.put("code", code);
            language.put("name", Languages.name(code));
            language.put("targets", List.copyOf(targets.getOrDefault(code, Set.of())));
            language.put("missingTargets", List.copyOf(missing.getOrDefault(code, Set.of())));
            languages.add(language);
        }
        return languages;
    }

    @GetMapping("/frontend/settings")
    Map<String, Object> frontendSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("apiKeys", true);
        settings.put("charLimit", properties.limits().maxCharsPerRequest());
        settings.put("frontendTimeout", 500);
        settings.put("keyRequired", !properties.anonymousAccess());
        settings.put("suggestions", false);
        settings.put("supportedFilesFormat", List.of());
        settings.put("language", Map.of(
                "source", Map.of("code", "auto", "name", "Auto Detect"),
                "target", Map.of("code", "es", "name", Languages.name("es"))));
        return settings;
    }

    /** Every pair the engines offer or lack, with the engine serving it (not part of LibreTranslate's API). */
    @GetMapping("/engines")
    List<Engines.Route> engines() {
        return engines.routes();
    }

    private Map<String, Object> translate(TranslateInput input, HttpServletRequest request) {
        Caller caller = callers.of(request, input.apiKey());
        input.requireTranslationFields();
        checkSize(input);
        Format format = Format.of(input.format()).orElseThrow(() -> TranslateInput.invalid(
                input.format() + " format is not supported (text or html)", "format"));
        if (input.alternatives() > properties.limits().maxAlternatives()) {
            throw limit("alternatives", "at most " + properties.limits().maxAlternatives() + " alternatives",
                    properties.limits().maxAlternatives());
        }
        String target = language(input.target(), "target");
        boolean auto = input.source().strip().equalsIgnoreCase("auto");
        String source = auto ? null : language(input.source(), "source");
        if (!auto) {
            pair(source, target); // refused before it costs quota
        }
        quotas.take(caller, input.chars());

        List<String> texts = input.q();
        List<String> sources = new ArrayList<>();
        List<Map<String, Object>> detected = new ArrayList<>();
        for (String text : texts) {
            if (!auto) {
                sources.add(source);
                continue;
            }
            List<LanguageDetection.Candidate> candidates = detection.detect(
                    format == Format.HTML ? org.jsoup.Jsoup.parse(text).text() : text);
            if (candidates.isEmpty()) {
                throw new ProblemException(ProblemType.UNPROCESSABLE, "The language of q could not be detected; "
                        + "give source explicitly.", Map.of("field", "q"));
            }
            LanguageDetection.Candidate best = candidates.get(0);
            sources.add(best.language());
            detected.add(Map.of("language", best.language(), "confidence", best.confidence()));
        }
        List<String> translated = translateBySource(texts, sources, target, format);

        Map<String, Object> response = new LinkedHashMap<>();
        if (auto) {
            response.put("detectedLanguage", input.batch() ? detected : detected.get(0));
        }
        response.put("translatedText", input.batch() ? translated : translated.get(0));
        if (input.alternatives() > 0) {
            // Neither Apertium nor the memory gives alternatives: LibreTranslate answers an empty list then.
            response.put("alternatives", input.batch() ? texts.stream().map(t -> List.of()).toList() : List.of());
        }
        return response;
    }

    /** Texts grouped by their (detected) source language, translated a group at a time, answered in order. */
    private List<String> translateBySource(List<String> texts, List<String> sources, String target, Format format) {
        Map<String, List<Integer>> bySource = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            bySource.computeIfAbsent(sources.get(i), s -> new ArrayList<>()).add(i);
        }
        String[] out = new String[texts.size()];
        bySource.forEach((source, indexes) -> {
            List<String> group = indexes.stream().map(texts::get).toList();
            List<String> result = source.equals(target) ? group
                    : translator.translate(new LanguagePair(source, target), group, format);
            for (int i = 0; i < indexes.size(); i++) {
                out[indexes.get(i)] = result.get(i);
            }
        });
        return List.of(out);
    }

    private List<Map<String, Object>> detect(TranslateInput input, HttpServletRequest request) {
        Caller caller = callers.of(request, input.apiKey());
        String text = input.single();
        checkSize(input);
        quotas.take(caller, text.length());
        return detection.detect(text).stream()
                .map(c -> Map.<String, Object>of("confidence", c.confidence(), "language", c.language()))
                .toList();
    }

    private void checkSize(TranslateInput input) {
        LinguaProperties.Limits limits = properties.limits();
        if (input.q().size() > limits.maxBatch()) {
            throw limit("q", "at most " + limits.maxBatch() + " texts in one request (this one has "
                    + input.q().size() + ")", limits.maxBatch());
        }
        if (input.chars() > limits.maxCharsPerRequest()) {
            throw limit("q", "at most " + limits.maxCharsPerRequest() + " characters in one request (this one has "
                    + input.chars() + ")", limits.maxCharsPerRequest());
        }
    }

    private LanguagePair pair(String source, String target) {
        if (source.equals(target)) {
            throw TranslateInput.invalid("Invalid request: source and target are the same language (" + source + ")",
                    "target");
        }
        return translator.requireSupported(new LanguagePair(source, target));
    }

    private static String language(String code, String field) {
        return Languages.normalize(code).orElseThrow(() -> TranslateInput.invalid(
                code.strip() + " is not supported", field));
    }

    private static ProblemException limit(String field, String what, int limit) {
        return new ProblemException(ProblemType.INVALID_REQUEST, "Invalid request: " + what + ".",
                Map.of("field", field, "limit", limit));
    }
}
