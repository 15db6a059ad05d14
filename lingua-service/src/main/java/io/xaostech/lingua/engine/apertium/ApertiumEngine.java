package io.xaostech.lingua.engine.apertium;

import io.xaostech.lingua.config.LinguaProperties;
import io.xaostech.lingua.engine.EngineUnavailable;
import io.xaostech.lingua.engine.TranslationEngine;
import io.xaostech.lingua.language.LanguagePair;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The offline engine: for each installed pair a small pool of long-running Apertium pipelines, started on the
 * pair's first use. A request borrows a pipeline for each text; a broken pipeline (crashed, timed out) is
 * closed and its place refilled with a fresh one, so one bad input never poisons the next request.
 */
@Component
@Order(1)
public class ApertiumEngine implements TranslationEngine {

    private static final Logger log = LoggerFactory.getLogger(ApertiumEngine.class);

    private final LinguaProperties.Apertium settings;
    private final Map<LanguagePair, ApertiumModes.Mode> modes;
    private final Map<LanguagePair, Pool> pools = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "apertium-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    public ApertiumEngine(LinguaProperties properties) {
        this.settings = properties.apertium();
        this.modes = ApertiumModes.installed(settings.modesDir());
        log.info("Apertium pairs installed: {}", modes.keySet());
    }

    @Override
    public String id() {
        return "apertium";
    }

    @Override
    public String version(LanguagePair pair) {
        ApertiumModes.Mode mode = modes.get(pair);
        return mode == null ? "none" : mode.version();
    }

    @Override
    public Set<LanguagePair> pairs() {
        return modes.keySet();
    }

    @Override
    public List<String> translate(LanguagePair pair, List<String> texts) {
        Pool pool = pools.computeIfAbsent(pair, p -> new Pool(modes.get(p)));
        List<String> translated = new ArrayList<>(texts.size());
        for (String text : texts) {
            translated.add(pool.translate(text));
        }
        return translated;
    }

    /** Pipelines currently running for the pair. */
    int running(LanguagePair pair) {
        Pool pool = pools.get(pair);
        return pool == null ? 0 : pool.size - pool.unstarted();
    }

    /** Pipelines ever launched for the pair (more than the pool size means some were replaced). */
    int launched(LanguagePair pair) {
        Pool pool = pools.get(pair);
        return pool == null ? 0 : pool.launched.get();
    }

    @PreDestroy
    void stop() {
        pools.values().forEach(Pool::close);
        watchdog.shutdownNow();
    }

    /** Up to {@code pool-size} pipelines of one pair; a free slot is an empty one, started when handed out. */
    private final class Pool {

        private final ApertiumModes.Mode mode;
        private final int size = settings.poolSize();
        private final BlockingQueue<Slot> free;
        private final java.util.concurrent.atomic.AtomicInteger launched = new java.util.concurrent.atomic.AtomicInteger();

        private final class Slot {
            ApertiumPipeline pipeline;
        }

        Pool(ApertiumModes.Mode mode) {
            this.mode = mode;
            this.free = new ArrayBlockingQueue<>(size);
            for (int i = 0; i < size; i++) {
                free.add(new Slot());
            }
        }

        String translate(String text) {
            Slot slot;
            try {
                slot = free.poll(settings.borrowTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineUnavailable("Interrupted while waiting for a translation pipeline.", 1);
            }
            if (slot == null) {
                throw new EngineUnavailable("Every Apertium pipeline for " + mode.pair() + " is busy; retry shortly.", 1);
            }
            try {
                if (slot.pipeline == null || !slot.pipeline.usable()) {
                    if (slot.pipeline != null) {
                        slot.pipeline.close();
                    }
                    slot.pipeline = new ApertiumPipeline(mode.script(), watchdog, settings.timeout());
                    launched.incrementAndGet();
                }
                return slot.pipeline.translate(text);
            } catch (IOException e) {
                log.warn("Apertium {} failed on a text of {} chars: {}", mode.pair(), text.length(), e.getMessage());
                if (slot.pipeline != null) {
                    slot.pipeline.close();
                    slot.pipeline = null;
                }
                throw new EngineUnavailable("The Apertium engine failed on this text (" + e.getMessage()
                        + "); its pipeline was restarted.", 1);
            } finally {
                free.add(slot);
            }
        }

        int unstarted() {
            return (int) free.stream().filter(s -> s.pipeline == null || !s.pipeline.usable()).count();
        }

        void close() {
            free.forEach(slot -> {
                if (slot.pipeline != null) {
                    slot.pipeline.close();
                }
            });
        }
    }
}
