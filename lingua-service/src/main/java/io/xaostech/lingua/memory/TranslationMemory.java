package io.xaostech.lingua.memory;

import io.xaostech.lingua.language.LanguagePair;
import io.xaostech.platform.crypto.Sha256;
import io.xaostech.platform.jdbc.KeysetCursor;
import io.xaostech.platform.jdbc.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The translation memory in PostgreSQL: exact matches by (direction, SHA-256 of the source text), looked up for
 * many texts in one query, and the administrators' changes (each moves the content generation on).
 */
@Component
public class TranslationMemory {

    private static final String COLUMNS = "select id, source_lang, target_lang, source_text, target_text, origin, "
            + "created_at, updated_at from memory_entries ";
    private static final RowMapper<MemoryEntry> ROW = (rs, n) -> new MemoryEntry(rs.getObject("id", UUID.class),
            rs.getString("source_lang"), rs.getString("target_lang"), rs.getString("source_text"),
            rs.getString("target_text"), rs.getString("origin"), Timestamps.instant(rs, "created_at"),
            Timestamps.instant(rs, "updated_at"));

    private final JdbcClient jdbc;
    private final ContentGeneration generation;
    private final Clock clock;

    TranslationMemory(JdbcClient jdbc, ContentGeneration generation, Clock clock) {
        this.jdbc = jdbc;
        this.generation = generation;
        this.clock = clock;
    }

    /** The curated translations of those texts that have one. */
    public Map<String, String> lookup(LanguagePair pair, Collection<String> texts) {
        Map<String, String> byHash = new HashMap<>();
        for (String text : new LinkedHashSet<>(texts)) {
            if (!text.isEmpty() && text.length() <= MemoryEntry.MAX_SOURCE) {
                byHash.put(Sha256.hex(text), text);
            }
        }
        Map<String, String> found = new HashMap<>();
        if (byHash.isEmpty()) {
            return found;
        }
        jdbc.sql("select source_hash, source_text, target_text from memory_entries where source_lang = ? and "
                        + "target_lang = ? and source_hash = any(?)")
                .params(pair.source(), pair.target(), byHash.keySet().toArray(String[]::new))
                .query(rs -> {
                    String text = byHash.get(rs.getString("source_hash"));
                    if (text != null && text.equals(rs.getString("source_text"))) {
                        found.put(text, rs.getString("target_text"));
                    }
                });
        return found;
    }

    public Optional<MemoryEntry> find(UUID id) {
        return jdbc.sql(COLUMNS + "where id = ?").param(id).query(ROW).optional();
    }

    /** A page of one direction (or all), newest change first; {@code limit} rows at most. */
    public List<MemoryEntry> list(LanguagePair pair, KeysetCursor after, int limit) {
        StringBuilder sql = new StringBuilder(COLUMNS).append("where true ");
        List<Object> params = new java.util.ArrayList<>();
        if (pair != null) {
            sql.append("and source_lang = ? and target_lang = ? ");
            params.add(pair.source());
            params.add(pair.target());
        }
        if (after != null) {
            sql.append("and (updated_at, id) < (?, ?) ");
            params.add(Timestamps.utc(after.at()));
            params.add(after.id());
        }
        sql.append("order by updated_at desc, id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(ROW).list();
    }

    /** Every entry of a direction (or all), oldest first (exports). */
    public List<MemoryEntry> all(LanguagePair pair) {
        String sql = COLUMNS + (pair == null ? "" : "where source_lang = ? and target_lang = ? ")
                + "order by source_lang, target_lang, created_at, id";
        var statement = jdbc.sql(sql);
        if (pair != null) {
            statement = statement.params(pair.source(), pair.target());
        }
        return statement.query(ROW).list();
    }

    /**
     * Adds the entry, or replaces the target of the one with the same source text; answers the stored entry.
     */
    @Transactional
    public MemoryEntry put(LanguagePair pair, String sourceText, String targetText, String origin) {
        UUID id = upsert(pair, sourceText, targetText, origin, clock.instant());
        MemoryChanges.afterCommit(generation);
        return find(id).orElseThrow();
    }

    /** Replaces an entry's texts; empty when there is no such entry. */
    @Transactional
    public Optional<MemoryEntry> update(UUID id, String sourceText, String targetText) {
        int changed = jdbc.sql("update memory_entries set source_text = ?, source_hash = ?, target_text = ?, "
                        + "origin = 'curated', updated_at = ? where id = ?")
                .params(sourceText, Sha256.hex(sourceText), targetText, Timestamps.utc(clock.instant()), id)
                .update();
        if (changed == 0) {
            return Optional.empty();
        }
        MemoryChanges.afterCommit(generation);
        return find(id);
    }

    @Transactional
    public boolean delete(UUID id) {
        boolean deleted = jdbc.sql("delete from memory_entries where id = ?").param(id).update() > 0;
        if (deleted) {
            MemoryChanges.afterCommit(generation);
        }
        return deleted;
    }

    /** Adds or replaces many entries in one transaction: all of them or, on any failure, none. */
    @Transactional
    public int importAll(List<Imported> entries) {
        Instant now = clock.instant();
        for (Imported entry : entries) {
            upsert(entry.pair(), entry.sourceText(), entry.targetText(), "import", now);
        }
        MemoryChanges.afterCommit(generation);
        return entries.size();
    }

    /** One entry read from an import file. */
    public record Imported(LanguagePair pair, String sourceText, String targetText) {
    }

    private UUID upsert(LanguagePair pair, String sourceText, String targetText, String origin, Instant now) {
        return jdbc.sql("insert into memory_entries (id, source_lang, target_lang, source_text, source_hash, "
                        + "target_text, origin, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict (source_lang, target_lang, source_hash) do update set "
                        + "target_text = excluded.target_text, origin = excluded.origin, updated_at = excluded.updated_at "
                        + "returning id")
                .params(UUID.randomUUID(), pair.source(), pair.target(), sourceText, Sha256.hex(sourceText),
                        targetText, origin, Timestamps.utc(now), Timestamps.utc(now))
                .query(UUID.class).single();
    }
}
