package io.xaostech.lingua.engine.apertium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xaostech.lingua.TestProperties;
import io.xaostech.lingua.engine.EngineUnavailable;
import io.xaostech.lingua.language.LanguagePair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Apertium pool against the real Apertium installed from Debian, and against pipelines that crash or hang. */
class ApertiumEngineTest {

    private static final LanguagePair EN_ES = new LanguagePair("en", "es");

    private static ApertiumEngine engine(Map<String, String> settings) {
        return new ApertiumEngine(TestProperties.of(settings));
    }

    @Test
    void findsTheInstalledPairsAndSkipsVariants() {
        ApertiumEngine engine = engine(Map.of());
        assertThat(engine.pairs()).contains(EN_ES, new LanguagePair("es", "en"));
        assertThat(engine.pairs()).allSatisfy(p -> assertThat(p.source()).hasSize(2));
        assertThat(engine.version(EN_ES)).hasSize(16);
        engine.stop();
    }

    @Test
    void theStreamFormatsSpecialCharactersSurviveTheRoundTrip() {
        ApertiumEngine engine = engine(Map.of());
        try {
            String text = "The house [1] costs $5 ^ @home * #tag \\ a/b <c> {d} | e + f ~ g.\nSecond line.";
            String translated = engine.translate(EN_ES, List.of(text)).get(0);
            assertThat(translated).contains("[1]", "$5", "^", "@", "*", "#", "\\", "/", "<c>", "{d}", "|", "+", "~")
                    .contains("\n").startsWith("La casa");
            assertThat(engine.translate(EN_ES, List.of("nul\u0000and\u0007bell")).get(0)).doesNotContain("\u0000");
        } finally {
            engine.stop();
        }
    }

    @Test
    void manyThreadsShareASmallPoolWithoutMixingAnswers() throws Exception {
        ApertiumEngine engine = engine(Map.of("xaos.lingua.apertium.pool-size", "2"));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String text = i % 2 == 0 ? "The house is big." : "I like cats.";
                answers.add(threads.submit(() -> engine.translate(EN_ES, List.of(text)).get(0)));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get()).isEqualTo(i % 2 == 0 ? "La casa es grande." : "Me gustan los gatos.");
            }
            assertThat(engine.launched(EN_ES)).isEqualTo(2);
        } finally {
            threads.shutdownNow();
            engine.stop();
        }
    }

    @Test
    void aPipelineThatDiesIsReplacedAndOneThatHangsIsKilled(@TempDir Path modes) throws Exception {
        // A "pair" whose pipeline echoes one segment and exits (replaced before its next use), and one that never
        // answers (killed when its segment times out).
        Files.writeString(modes.resolve("en-es.mode"), "head -n 1\n");
        Files.writeString(modes.resolve("en-fr.mode"), "tail -f /dev/null\n");
        ApertiumEngine engine = engine(Map.of("xaos.lingua.apertium.modes-dir", modes.toString(),
                "xaos.lingua.apertium.pool-size", "1", "xaos.lingua.apertium.timeout", "1s"));
        try {
            assertThat(engine.translate(EN_ES, List.of("echo [me] ~")).get(0)).isEqualTo("echo [me] ~");
            Thread.sleep(200); // it exits after its one answer
            assertThat(engine.running(EN_ES)).isZero();
            assertThat(engine.translate(EN_ES, List.of("second")).get(0)).as("a fresh pipeline").isEqualTo("second");
            assertThat(engine.launched(EN_ES)).isEqualTo(2);

            long started = System.nanoTime();
            assertThatThrownBy(() -> engine.translate(new LanguagePair("en", "fr"), List.of("hello")))
                    .isInstanceOf(EngineUnavailable.class);
            assertThat((System.nanoTime() - started) / 1_000_000).as("killed after the timeout").isBetween(900L, 5_000L);
        } finally {
            engine.stop();
        }
    }
}
