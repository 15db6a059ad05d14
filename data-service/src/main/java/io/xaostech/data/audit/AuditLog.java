package io.xaostech.data.audit;

import io.xaostech.platform.crypto.Sha256;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log ({@code audit_log}): every row carries the hash of its own content and of the row before, so
 * changing, removing or reordering a row breaks the chain from there on, which {@link #verify()} reports. The
 * database refuses updates and deletes of the table (a trigger, which binds its owner too). Appends are
 * serialised by a transaction-scoped advisory lock, and commit with the change they record.
 */
@Component
public class AuditLog {

    static final String GENESIS = "0".repeat(64);
    private static final long APPEND_LOCK = 0x64617461_61756469L; // "dataaudi"
    private static final int VERIFY_BATCH = 1_000;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** One row of the log. */
    public record Entry(long seq, long atMicros, String actor, String action, String subject, String details,
                        String prevHash, String hash) {

        /** The hash this row must carry, given its content and the previous row's hash. */
        String expectedHash() {
            return Sha256.hex(String.join("\n", prevHash, Long.toString(seq), Long.toString(atMicros), actor, action,
                    subject, details));
        }
    }

    /** The outcome of walking the chain: valid, or where it first breaks and how. */
    public record Verification(boolean valid, long rowsChecked, Long firstBrokenSeq, String problem) {
    }

    /** Appends a row in the caller's transaction (one is started if there is none). */
    @Transactional
    public void record(String actor, String action, String subject, Map<String, ?> details) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(APPEND_LOCK).query(Object.class).single();
        List<Entry> last = jdbc.sql("select * from audit_log order by seq desc limit 1").query(AuditLog::entry).list();
        long seq = last.isEmpty() ? 1 : last.get(0).seq() + 1;
        String prev = last.isEmpty() ? GENESIS : last.get(0).hash();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        Entry entry = new Entry(seq, micros, actor, action, subject, json.writeValueAsString(details), prev, null);
        jdbc.sql("insert into audit_log (seq, at_micros, actor, action, subject, details, prev_hash, hash) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(seq, micros, actor, action, subject, entry.details(), prev, entry.expectedHash()).update();
    }

    /** Walks the whole chain from the first row: every hash recomputed, every link and number checked. */
    @Transactional(readOnly = true)
    public Verification verify() {
        String prev = GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        while (true) {
            List<Entry> batch = jdbc.sql("select * from audit_log where seq >= ? order by seq limit ?")
                    .params(expectedSeq, VERIFY_BATCH).query(AuditLog::entry).list();
            if (batch.isEmpty()) {
                return new Verification(true, checked, null, null);
            }
            for (Entry entry : batch) {
                if (entry.seq() != expectedSeq) {
                    return new Verification(false, checked, expectedSeq, "row " + expectedSeq + " is missing");
                }
                if (!entry.prevHash().equals(prev)) {
                    return new Verification(false, checked, entry.seq(), "row " + entry.seq()
                            + " does not follow the row before it");
                }
                if (!entry.hash().equals(entry.expectedHash())) {
                    return new Verification(false, checked, entry.seq(), "row " + entry.seq()
                            + " was changed after it was written");
                }
                prev = entry.hash();
                expectedSeq++;
                checked++;
            }
        }
    }

    private static Entry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Entry(rs.getLong("seq"), rs.getLong("at_micros"), rs.getString("actor"), rs.getString("action"),
                rs.getString("subject"), rs.getString("details"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
