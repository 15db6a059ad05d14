package io.xaostech.lingua.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * lingua-service settings ({@code xaos.lingua.*}); see README.md, "Translation API", for how to add a pair.
 *
 * @param anonymousAccess whether requests without an API key or a user's token are served (per client address)
 * @param wantedPairs     the pairs this deployment means to offer ({@code en-es}); those no engine has are listed
 *                        as missing by {@code /languages}. Every pair an engine has is offered whether wanted or not.
 * @param routes          which engine serves a pair when more than one could ({@code en-de: upstream})
 * @param limits          what one request may ask for
 * @param quotas          per plan ({@code anonymous}, {@code user}, {@code supporter}): requests and characters per
 *                        minute and per day, counted per API key, user or (anonymous) client address
 * @param cache           translations kept in Redis
 * @param apertium        the offline engine
 * @param upstream        the HTTP engine (a LibreTranslate-compatible server or DeepL), off unless configured
 * @param detection       language detection
 * @param parallelism     threads translating the chunks of long texts, shared by all requests
 */
@Validated
@ConfigurationProperties("xaos.lingua")
public record LinguaProperties(@DefaultValue("false") boolean anonymousAccess,
                               @NotNull @DefaultValue({"en-es", "es-en"}) List<String> wantedPairs,
                               @NotNull @DefaultValue Map<String, String> routes,
                               @Valid @NotNull @DefaultValue Limits limits,
                               @NotNull @DefaultValue Map<String, @Valid Quota> quotas,
                               @Valid @NotNull @DefaultValue Cache cache,
                               @Valid @NotNull @DefaultValue Apertium apertium,
                               @Valid @NotNull @DefaultValue Upstream upstream,
                               @Valid @NotNull @DefaultValue Detection detection,
                               @Min(1) @Max(64) @DefaultValue("4") int parallelism) {

    /**
     * @param maxCharsPerRequest characters of all {@code q} together
     * @param maxBatch           items of an array {@code q}
     * @param maxHtmlDepth       nesting of elements in an HTML {@code q}
     * @param maxAlternatives    the largest {@code alternatives} asked for
     * @param chunkChars         long texts are cut at sentence ends into chunks of about this size, translated in
     *                           parallel
     */
    public record Limits(@Min(1) @Max(1_000_000) @DefaultValue("10000") int maxCharsPerRequest,
                         @Min(1) @Max(10_000) @DefaultValue("100") int maxBatch,
                         @Min(4) @Max(512) @DefaultValue("64") int maxHtmlDepth,
                         @Min(0) @Max(10) @DefaultValue("3") int maxAlternatives,
                         @Min(50) @Max(100_000) @DefaultValue("600") int chunkChars) {
    }

    public record Quota(@Min(1) int requestsPerMinute, @Min(1) int requestsPerDay,
                        @Min(1) int charsPerMinute, @Min(1) int charsPerDay) {
    }

    /**
     * @param ttl          how long a machine translation is kept in Redis
     * @param localEntries how many of the most used translations each instance also keeps in memory (0: none)
     * @param localTtl     how long an instance keeps one in memory
     */
    public record Cache(@NotNull @DefaultValue("7d") Duration ttl,
                        @Min(0) @Max(1_000_000) @DefaultValue("10000") int localEntries,
                        @NotNull @DefaultValue("5m") Duration localTtl) {
    }

    /**
     * @param modesDir     where installed Apertium pairs leave their {@code .mode} files
     * @param poolSize     long-running pipelines per pair (started on the pair's first use)
     * @param timeout      longest one chunk may take before its pipeline is killed and restarted
     * @param borrowTimeout longest a request waits for a free pipeline before it is told the engine is busy
     */
    public record Apertium(@NotNull @DefaultValue("/usr/share/apertium/modes") Path modesDir,
                           @Min(1) @Max(32) @DefaultValue("2") int poolSize,
                           @NotNull @DefaultValue("10s") Duration timeout,
                           @NotNull @DefaultValue("5s") Duration borrowTimeout) {
    }

    /**
     * @param kind     {@code none}, {@code libretranslate} or {@code deepl}
     * @param url      the server's base URL (for DeepL {@code https://api-free.deepl.com})
     * @param apiKey   its key, if it needs one
     * @param pairs    the pairs it is asked for ({@code en-de})
     * @param timeout  connect and response timeout of one call
     * @param openFor  how long the circuit stays open after the upstream kept failing
     */
    public record Upstream(@NotNull @DefaultValue("none") String kind,
                           URI url,
                           String apiKey,
                           @NotNull @DefaultValue List<String> pairs,
                           @NotNull @DefaultValue("10s") Duration timeout,
                           @NotNull @DefaultValue("30s") Duration openFor) {
    }

    /**
     * @param languages   the only languages detection chooses among (ISO 639-1)
     * @param lowAccuracy smaller models (less memory, worse on short texts)
     * @param preload     load the models in the background once the service has started, rather than on the
     *                    first detection
     */
    public record Detection(@NotNull @DefaultValue({"en", "es", "ca", "pt", "fr"}) List<String> languages,
                            @DefaultValue("false") boolean lowAccuracy,
                            @DefaultValue("true") boolean preload) {
    }
}
