package io.xaostech.lingua.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.xaostech.lingua.TestProperties;
import io.xaostech.lingua.engine.EngineUnavailable;
import io.xaostech.lingua.language.LanguagePair;
import io.xaostech.platform.dependency.DependencyFailures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Both upstream dialects against a local server speaking them, and the circuit breaker when it fails. */
class UpstreamEngineTest {

    private static final LanguagePair EN_DE = new LanguagePair("en", "de");

    private final DependencyFailures failures = new DependencyFailures(new SimpleMeterRegistry());

    private UpstreamEngine engine(String kind, FakeUpstream upstream, String apiKey) {
        return new UpstreamEngine(TestProperties.of(Map.of("xaos.lingua.upstream.kind", kind,
                "xaos.lingua.upstream.url", upstream.url().toString(), "xaos.lingua.upstream.api-key", apiKey,
                "xaos.lingua.upstream.pairs", "en-de,en-pt", "xaos.lingua.upstream.timeout", "2s",
                "xaos.lingua.upstream.open-for", "30s")), JsonMapper.builder().build(), failures);
    }

    @Test
    void speaksLibreTranslate() {
        try (FakeUpstream upstream = new FakeUpstream()) {
            UpstreamEngine engine = engine("libretranslate", upstream, "lt-key");
            assertThat(engine.pairs()).containsExactlyInAnyOrder(EN_DE, new LanguagePair("en", "pt"));
            assertThat(engine.translate(EN_DE, List.of("Hello", "World"))).containsExactly("[de] Hello", "[de] World");
            assertThat(upstream.requests.get(0).path("api_key").asString()).isEqualTo("lt-key");
            assertThat(upstream.requests.get(0).path("source").asString()).isEqualTo("en");
        }
    }

    @Test
    void speaksDeepL() {
        try (FakeUpstream upstream = new FakeUpstream()) {
            UpstreamEngine engine = engine("deepl", upstream, "deepl-secret");
            assertThat(engine.translate(new LanguagePair("en", "pt"), List.of("Hello"))).containsExactly("[PT-PT] Hello");
            assertThat(upstream.authorizations).containsExactly("DeepL-Auth-Key deepl-secret");
            assertThat(upstream.requests.get(0).path("source_lang").asString()).isEqualTo("EN");
        }
    }

    @Test
    void aFailingUpstreamOpensTheCircuitAndIsNotAskedWhileItIsOpen() {
        try (FakeUpstream upstream = new FakeUpstream()) {
            UpstreamEngine engine = engine("libretranslate", upstream, "");
            upstream.failing.set(true);
            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(() -> engine.translate(EN_DE, List.of("Hello")))
                        .isInstanceOf(EngineUnavailable.class).hasMessageContaining("did not answer usefully");
            }
            int asked = upstream.requests.size();
            assertThatThrownBy(() -> engine.translate(EN_DE, List.of("Hello")))
                    .isInstanceOf(EngineUnavailable.class).hasMessageContaining("kept failing");
            assertThat(upstream.requests).as("not asked while open").hasSize(asked);
        }
    }

    @Test
    void aRedirectFromTheUpstreamIsNotFollowed() {
        try (FakeUpstream upstream = new FakeUpstream(); FakeUpstream elsewhere = new FakeUpstream()) {
            UpstreamEngine engine = engine("libretranslate", upstream, "lt-key");
            upstream.redirectTo.set(elsewhere.url());

            assertThatThrownBy(() -> engine.translate(EN_DE, List.of("Hello"))).isInstanceOf(EngineUnavailable.class);
            assertThat(upstream.requests).hasSize(1);
            assertThat(elsewhere.requests).as("only the configured host is called (SSRF)").isEmpty();
            assertThat(failures.count("upstream-translation", "pair-unavailable")).as("counted (checklist 23)").isEqualTo(1);
        }
    }

    @Test
    void anUnreachableUpstreamFailsFast() {
        FakeUpstream gone = new FakeUpstream();
        gone.close();
        UpstreamEngine engine = engine("libretranslate", gone, "");
        long started = System.nanoTime();
        assertThatThrownBy(() -> engine.translate(EN_DE, List.of("Hello"))).isInstanceOf(EngineUnavailable.class);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3_000);
    }
}
