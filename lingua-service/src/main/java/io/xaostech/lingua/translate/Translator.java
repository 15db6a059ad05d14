package io.xaostech.lingua.translate;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.lingua.config.LinguaProperties;
import io.xaostech.lingua.engine.EngineUnavailable;
import io.xaostech.lingua.engine.Engines;
import io.xaostech.lingua.engine.TranslationEngine;
import io.xaostech.lingua.language.LanguagePair;
import io.xaostech.lingua.memory.ContentGeneration;
import io.xaostech.lingua.memory.Glossary;
import io.xaostech.lingua.memory.GlossaryEntry;
import io.xaostech.lingua.memory.TranslationMemory;
import io.xaostech.platform.crypto.Sha256;
import io.xaostech.platform.web.ProblemException;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Service;

/**
 * Translates texts in one direction: cached translations first (one Redis round trip for the batch), then for the
 * rest the translation memory (one query), then the pair's engine with glossary terms protected and long texts
 * cut at sentence ends into chunks translated in parallel (bounded by {@code xaos.lingua.parallelism}). New
 * results are cached under the current content generation.
 */
@Service
public class Translator {

    private final Engines engines;
    private final TranslationCache cache;
    private final TranslationMemory memory;
    private final Glossary glossary;
    private final ContentGeneration generation;
    private final LinguaProperties.Limits limits;
    private final int parallelism;
    private final ExecutorService workers;
    private final Map<LanguagePair, GlossaryProtection> protections = new ConcurrentHashMap<>();

    Translator(Engines engines, TranslationCache cache, TranslationMemory memory, Glossary glossary,
               ContentGeneration generation, LinguaProperties properties) {
        this.engines = engines;
        this.cache = cache;
        this.memory = memory;
        this.glossary = glossary;
        this.generation = generation;
        this.limits = properties.limits();
        this.parallelism = properties.parallelism();
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(parallelism, r -> {
            Thread thread = new Thread(r, "lingua-translate-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Whether some engine translates the pair. */
    public boolean supports(LanguagePair pair) {
        return engines.engineFor(pair).isPresent();
    }

    /** The pair, if some engine translates it; else a 400 that says so. */
    public LanguagePair requireSupported(LanguagePair pair) {
        engineOf(pair);
        return pair;
    }

    private TranslationEngine engineOf(LanguagePair pair) {
        return engines.engineFor(pair).orElseThrow(() -> new ProblemException(ProblemType.INVALID_REQUEST,
                pair + " is not a supported translation pair (GET /api/v1/lingua/languages lists them).",
                Map.of("source", pair.source(), "target", pair.target())));
    }

    /** One translation per text, in order; a pair no engine has is a 400. */
    public List<String> translate(LanguagePair pair, List<String> texts, Format format) {
        TranslationEngine engine = engineOf(pair);
        long gen = generation.current();
        String version = engine.id() + "@" + engine.version(pair);
        List<String> keys = texts.stream()
                .map(text -> cache.key(gen, Sha256.hex(String.join("\u0000", version, pair.toString(), format.value(), text))))
                .toList();
        List<String> results = new ArrayList<>(cache.getAll(keys));

        Map<Integer, HtmlText> documents = new HashMap<>();
        Set<String> segments = new LinkedHashSet<>();
        for (int i = 0; i < texts.size(); i++) {
            if (results.get(i) != null) {
                continue;
            }
            if (format == Format.HTML) {
                HtmlText html = HtmlText.parse(texts.get(i), limits.maxHtmlDepth());
                documents.put(i, html);
                segments.addAll(html.segments());
            } else if (!texts.get(i).isBlank()) {
                segments.add(texts.get(i));
            }
        }
        Map<String, String> translated = segments.isEmpty() ? Map.of() : translateSegments(engine, pair, segments);

        Map<String, String> fresh = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            if (results.get(i) != null) {
                continue;
            }
            String text = texts.get(i);
            String result = format == Format.HTML ? documents.get(i).render(translated::get)
                    : translated.getOrDefault(text, text);
            results.set(i, result);
            fresh.put(keys.get(i), result);
        }
        cache.putAll(fresh);
        return results;
    }

    private Map<String, String> translateSegments(TranslationEngine engine, LanguagePair pair, Set<String> segments) {
        Map<String, String> done = new HashMap<>(memory.lookup(pair, segments));
        GlossaryProtection protection = protection(pair);
        List<String> chunks = new ArrayList<>();
        Map<String, int[]> chunkRanges = new LinkedHashMap<>();
        Map<String, List<String>> renderings = new HashMap<>();
        for (String segment : segments) {
            if (done.containsKey(segment)) {
                continue;
            }
            GlossaryProtection.Protected hidden = protection.protect(segment);
            renderings.put(segment, hidden.renderings());
            List<String> parts = Sentences.chunks(hidden.text(), pair.source(), limits.chunkChars());
            chunkRanges.put(segment, new int[] {chunks.size(), chunks.size() + parts.size()});
            chunks.addAll(parts);
        }
        List<String> out = translateChunks(engine, pair, chunks);
        chunkRanges.forEach((segment, range) -> done.put(segment, GlossaryProtection.restore(
                String.join("", out.subList(range[0], range[1])), renderings.get(segment))));
        return done;
    }

    /** The pair's glossary as one compiled pattern, built again only when the glossary changed. */
    private GlossaryProtection protection(LanguagePair pair) {
        List<GlossaryEntry> terms = glossary.terms(pair);
        return protections.compute(pair, (p, known) -> known != null && known.isFor(terms) ? known
                : new GlossaryProtection(terms));
    }

    /** The chunks split into up to {@code parallelism} runs, the first on this thread and the rest on workers. */
    private List<String> translateChunks(TranslationEngine engine, LanguagePair pair, List<String> chunks) {
        if (chunks.size() <= 1) {
            return chunks.isEmpty() ? List.of() : engine.translate(pair, chunks);
        }
        int runs = Math.min(parallelism, chunks.size());
        int per = (chunks.size() + runs - 1) / runs;
        List<CompletableFuture<List<String>>> others = new ArrayList<>();
        for (int start = per; start < chunks.size(); start += per) {
            List<String> run = chunks.subList(start, Math.min(chunks.size(), start + per));
            others.add(CompletableFuture.supplyAsync(() -> engine.translate(pair, run), workers));
        }
        boolean done = false;
        try {
            List<String> out = new ArrayList<>(engine.translate(pair, chunks.subList(0, Math.min(per, chunks.size()))));
            for (CompletableFuture<List<String>> other : others) {
                out.addAll(other.get());
            }
            done = true;
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new EngineUnavailable("Translation failed: " + e.getCause(), 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailable("Interrupted while translating.", 1);
        } finally {
            if (!done) {
                others.forEach(other -> other.cancel(false)); // queued runs of a failed request never start
            }
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
