package io.xaostech.lingua.engine;

import io.xaostech.lingua.config.LinguaProperties;
import io.xaostech.lingua.language.LanguagePair;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which engine serves each pair: the one named in {@code xaos.lingua.routes}, else the first of the engines that
 * has it (Apertium before the upstream). Wanted pairs no engine has are reported, never silently dropped.
 */
@Component
public class Engines {

    private static final Logger log = LoggerFactory.getLogger(Engines.class);

    private final List<TranslationEngine> engines;
    private final Map<LanguagePair, String> routes = new LinkedHashMap<>();
    private final List<LanguagePair> wanted;

    /** How a pair is served, or why it is not. */
    public record Route(LanguagePair pair, String engine, boolean available, String reason) {
    }

    public Engines(List<TranslationEngine> engines, LinguaProperties properties) {
        this.engines = engines;
        properties.routes().forEach((pair, engine) -> routes.put(LanguagePair.parse(pair), engine));
        this.wanted = properties.wantedPairs().stream().map(LanguagePair::parse).toList();
        for (LanguagePair pair : wanted) {
            if (engineFor(pair).isEmpty()) {
                log.warn("Wanted pair {} has no engine: {}", pair, missingReason(pair));
            }
        }
    }

    /** The engine that translates the pair, if any has it. */
    public Optional<TranslationEngine> engineFor(LanguagePair pair) {
        String routed = routes.get(pair);
        return engines.stream()
                .filter(engine -> routed == null || engine.id().equals(routed))
                .filter(engine -> engine.pairs().contains(pair))
                .findFirst();
    }

    /** Every pair some engine has, sorted. */
    public Collection<LanguagePair> available() {
        TreeSet<LanguagePair> pairs = new TreeSet<>(java.util.Comparator.comparing(LanguagePair::toString));
        engines.forEach(engine -> engine.pairs().stream().filter(p -> engineFor(p).isPresent()).forEach(pairs::add));
        return pairs;
    }

    /** Wanted pairs no engine has. */
    public List<LanguagePair> missing() {
        return wanted.stream().filter(pair -> engineFor(pair).isEmpty()).toList();
    }

    /** Every available or wanted pair with the engine serving it, or the reason none does. */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>();
        for (LanguagePair pair : available()) {
            all.add(new Route(pair, engineFor(pair).orElseThrow().id(), true, null));
        }
        for (LanguagePair pair : missing()) {
            all.add(new Route(pair, routes.get(pair), false, missingReason(pair)));
        }
        return all;
    }

    private String missingReason(LanguagePair pair) {
        String routed = routes.get(pair);
        return routed != null ? "routed to engine '" + routed + "', which does not offer it"
                : "no engine offers it (install its Apertium pair, or list it under xaos.lingua.upstream.pairs)";
    }
}
