package io.xaostech.webfront.language;

import io.xaostech.platform.security.ServiceTokens;
import io.xaostech.webfront.config.BackendClients;
import io.xaostech.webfront.config.WebfrontProperties;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The site's strings at lingua: publishes the English ones (at start, retried every ten seconds until lingua
 * took them) and reads them back in other languages, kept five minutes (lingua's own caching) and kept longer, stale,
 * while lingua cannot be reached.
 */
@Component
class LinguaCatalogue {

    static final String SITE = "webfront";
    private static final Duration FRESH = Duration.ofMinutes(5);
    /** After a failed read, lingua is not asked again for this long (pages do not each wait on it). */
    private static final Duration RETRY = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(LinguaCatalogue.class);

    record Catalogue(Map<String, String> messages, List<String> machine) {
    }

    private record Held(Catalogue catalogue, Instant until) {
    }

    private final RestClient lingua;
    private final ServiceTokens serviceTokens;
    private final Clock clock;
    private final Map<String, String> english;
    private static final Catalogue EMPTY = new Catalogue(Map.of(), List.of());

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final java.util.Set<String> renewing = ConcurrentHashMap.newKeySet();
    /** Renewals wait on lingua: their own thread, never the common pool's (one thread on two cores). */
    private final java.util.concurrent.Executor renewals = java.util.concurrent.Executors.newSingleThreadExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "lingua-catalogue");
                thread.setDaemon(true);
                return thread;
            });
    private volatile boolean published;

    LinguaCatalogue(WebfrontProperties properties, @Value("${xaos.services.lingua.url}") String linguaUrl,
                    ServiceTokens serviceTokens, Clock clock) throws IOException {
        this.lingua = BackendClients.client(linguaUrl, properties.backendTimeout(), properties.backendTimeout());
        this.serviceTokens = serviceTokens;
        this.clock = clock;
        this.english = english();
    }

    /** The strings of {@code messages.properties}: what the templates ask for, in English. */
    static Map<String, String> english() throws IOException {
        Properties strings = new Properties();
        try (Reader in = new InputStreamReader(new ClassPathResource("messages.properties").getInputStream(),
                StandardCharsets.UTF_8)) {
            strings.load(in);
        }
        Map<String, String> map = new TreeMap<>();
        strings.stringPropertyNames().forEach(key -> map.put(key, strings.getProperty(key)));
        return Map.copyOf(map);
    }

    @Scheduled(initialDelayString = "0s", fixedDelayString = "10s")
    void publish() {
        if (published) {
            return;
        }
        try {
            BackendClients.call(() -> lingua.put().uri("/internal/catalogues/{site}", SITE)
                    .headers(h -> h.setBearerAuth(serviceTokens.token())).contentType(MediaType.APPLICATION_JSON)
                    .body(english).retrieve().toBodilessEntity(), "lingua cannot be reached");
            published = true;
            log.info("published {} interface strings to lingua as catalogue '{}'", english.size(), SITE);
        } catch (BackendClients.Failure | IllegalStateException e) {
            log.warn("publishing the interface strings to lingua failed (retried in ten seconds): {}", e.getMessage());
        }
    }

    /**
     * The strings in {@code language} (empty when lingua has not answered yet: English is used). Past their five
     * minutes they are still answered while one background read renews them, so no page waits on lingua but the
     * very first in a language.
     */
    Catalogue in(String language) {
        Held current = held.get(language);
        if (current == null) {
            return read(language, null);
        }
        if (!current.until().isAfter(clock.instant()) && renewing.add(language)) {
            CompletableFuture.runAsync(() -> {
                try {
                    read(language, current.catalogue());
                } finally {
                    renewing.remove(language);
                }
            }, renewals);
        }
        return current.catalogue();
    }

    private Catalogue read(String language, Catalogue stale) {
        try {
            Catalogue fresh = BackendClients.call(() -> lingua.get().uri("/api/v1/lingua/catalogues/{site}/{language}",
                    SITE, language).retrieve().body(Catalogue.class), "lingua cannot be reached");
            Catalogue kept = fresh == null || fresh.messages() == null ? EMPTY : fresh;
            held.put(language, new Held(kept, clock.instant().plus(FRESH)));
            return kept;
        } catch (BackendClients.Failure e) {
            Catalogue kept = stale == null ? EMPTY : stale;
            held.put(language, new Held(kept, clock.instant().plus(RETRY)));
            return kept;
        }
    }
}
