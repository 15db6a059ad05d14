package io.xaostech.lingua.memory;

import io.xaostech.common.problem.ProblemType;
import io.xaostech.lingua.language.LanguagePair;
import io.xaostech.platform.jdbc.Timestamps;
import io.xaostech.platform.web.ProblemException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The glossary, stored in PostgreSQL and held in memory per direction (longest terms first, so "XAOSTECH Cloud"
 * wins over "XAOSTECH"), reloaded when the content generation moves on.
 */
@Component
public class Glossary {

    /** Most terms in one direction; the glossary is for names, not a dictionary. */
    public static final int MAX_TERMS = 2_000;

    private final JdbcClient jdbc;
    private final ContentGeneration generation;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(-1, Map.of());

    private record Snapshot(long generation, Map<LanguagePair, List<GlossaryEntry>> byPair) {
    }

    Glossary(JdbcClient jdbc, ContentGeneration generation, Clock clock) {
        this.jdbc = jdbc;
        this.generation = generation;
        this.clock = clock;
    }

    /** The terms of a direction, longest first. */
    public List<GlossaryEntry> terms(LanguagePair pair) {
        long now = generation.current();
        Snapshot current = snapshot;
        if (current.generation() != now) {
            current = new Snapshot(now, all().stream()
                    .sorted(Comparator.comparingInt((GlossaryEntry e) -> e.term().length()).reversed())
                    .collect(Collectors.groupingBy(e -> new LanguagePair(e.source(), e.target()))));
            snapshot = current;
        }
        return current.byPair().getOrDefault(pair, List.of());
    }

    private static final String COLUMNS = "select id, source_lang, target_lang, term, translation, updated_at "
            + "from glossary_entries ";

    private static final org.springframework.jdbc.core.RowMapper<GlossaryEntry> ROW = (rs, n) -> new GlossaryEntry(
            rs.getObject("id", UUID.class), rs.getString("source_lang"), rs.getString("target_lang"),
            rs.getString("term"), rs.getString("translation"), Timestamps.instant(rs, "updated_at"));

    public List<GlossaryEntry> all() {
        return jdbc.sql(COLUMNS + "order by source_lang, target_lang, term").query(ROW).list();
    }

    public Optional<GlossaryEntry> find(UUID id) {
        return jdbc.sql(COLUMNS + "where id = ?").param(id).query(ROW).optional();
    }

    @Transactional
    public GlossaryEntry save(UUID id, LanguagePair pair, String term, String translation) {
        boolean exists = jdbc.sql("select count(*) from glossary_entries where id = ?").param(id)
                .query(Integer.class).single() > 0;
        if (!exists && jdbc.sql("select count(*) from glossary_entries where source_lang = ? and target_lang = ?")
                .params(pair.source(), pair.target()).query(Integer.class).single() >= MAX_TERMS) {
            throw new ProblemException(ProblemType.CONFLICT, "The glossary of " + pair + " already holds "
                    + MAX_TERMS + " terms, its limit.", Map.of("limit", MAX_TERMS));
        }
        try {
            jdbc.sql("insert into glossary_entries (id, source_lang, target_lang, term, translation, updated_at) "
                            + "values (?, ?, ?, ?, ?, ?) on conflict (id) do update set source_lang = excluded.source_lang, "
                            + "target_lang = excluded.target_lang, term = excluded.term, "
                            + "translation = excluded.translation, updated_at = excluded.updated_at")
                    .params(id, pair.source(), pair.target(), term, translation, Timestamps.utc(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ProblemException(ProblemType.CONFLICT, "The glossary of " + pair + " already has the term '"
                    + term + "'.", Map.of("term", term));
        }
        MemoryChanges.afterCommit(generation);
        return find(id).orElseThrow();
    }

    @Transactional
    public boolean delete(UUID id) {
        boolean deleted = jdbc.sql("delete from glossary_entries where id = ?").param(id).update() > 0;
        if (deleted) {
            MemoryChanges.afterCommit(generation);
        }
        return deleted;
    }
}
