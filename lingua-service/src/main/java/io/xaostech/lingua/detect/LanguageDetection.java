package io.xaostech.lingua.detect;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import io.xaostech.lingua.config.LinguaProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which language a text is in, chosen only among the configured languages (Lingua's n-gram models, loaded for
 * those alone). Confidence is 0 to 100 as LibreTranslate reports it. Texts of a word or two give low, spread
 * confidences; texts without letters give no candidate at all (see docs/adr/009-lingua.md).
 */
@Component
public class LanguageDetection {

    private static final Logger log = LoggerFactory.getLogger(LanguageDetection.class);
    /** Detection reads at most this much of a text: more does not change the answer, only the cost. */
    static final int SAMPLE_CHARS = 1_000;

    private final LanguageDetector detector;

    /** One possible language of a text. */
    public record Candidate(String language, double confidence) {
    }

    LanguageDetection(LinguaProperties properties) {
        IsoCode639_1[] codes = properties.detection().languages().stream()
                .map(code -> IsoCode639_1.valueOf(code.strip().toUpperCase(Locale.ROOT)))
                .toArray(IsoCode639_1[]::new);
        LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromIsoCodes639_1(codes);
        if (properties.detection().lowAccuracy()) {
            builder = builder.withLowAccuracyMode();
        }
        if (properties.detection().preload()) {
            builder = builder.withPreloadedLanguageModels();
        }
        long started = System.nanoTime();
        this.detector = builder.build();
        log.info("Language detection for {} ready in {} ms", properties.detection().languages(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Candidates, most likely first, with their confidence (0–100); empty when nothing can be said. */
    public List<Candidate> detect(String text) {
        String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
        List<Candidate> candidates = new ArrayList<>();
        for (Map.Entry<Language, Double> value : detector.computeLanguageConfidenceValues(sample).entrySet()) {
            if (value.getKey() != Language.UNKNOWN && value.getValue() > 0) {
                candidates.add(new Candidate(value.getKey().getIsoCode639_1().name().toLowerCase(Locale.ROOT),
                        Math.round(value.getValue() * 1000) / 10.0));
            }
        }
        candidates.sort((a, b) -> Double.compare(b.confidence(), a.confidence()));
        return candidates;
    }
}
