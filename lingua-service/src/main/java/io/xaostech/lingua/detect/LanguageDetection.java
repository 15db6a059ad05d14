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
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
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
    private final List<String> languages;
    private final boolean preload;

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
        this.detector = builder.build();
        this.languages = properties.detection().languages();
        this.preload = properties.detection().preload();
    }

    /**
     * Loads the models off the start-up path, once the service is up (the first detections wait for them);
     * a failure is logged and left to the first detection to retry.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        if (!preload) {
            return;
        }
        Thread warmUp = new Thread(() -> {
            long started = System.nanoTime();
            try {
                detect("The models of every configured language load on the first detection.");
                log.info("Language detection for {} ready in {} ms", languages, (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException | Error e) {
                log.error("Language detection could not load its models", e);
            }
        }, "lingua-detection-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
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
