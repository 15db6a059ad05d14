package io.xaostech.data.consent;

import static io.xaostech.platform.jdbc.Timestamps.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code consent_records} table (append-only: the database refuses changes). */
@Repository
class ConsentRecords {

    private static final String COLUMNS = "id, subject_kind, subject_id, purpose_code, decision, notice_version, "
            + "notice_sha256, method, recorded_at, ip_truncated, user_agent";

    private final JdbcClient jdbc;

    ConsentRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ConsentRecord append(String kind, String subject, String purpose, Decision decision, int noticeVersion,
                         String noticeSha256, Method method, String ip, String userAgent) {
        return append(kind, subject, purpose, decision, noticeVersion, noticeSha256, method, ip, userAgent, null, null);
    }

    /**
     * Appends a record; {@code linkedFrom} names the visitor record a signed-in user's copy came from, and
     * {@code collectedAt} (null: now) keeps when that decision was actually made.
     */
    ConsentRecord append(String kind, String subject, String purpose, Decision decision, int noticeVersion,
                         String noticeSha256, Method method, String ip, String userAgent, UUID linkedFrom,
                         java.time.Instant collectedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into consent_records (id, subject_kind, subject_id, purpose_code, decision, notice_version, "
                        + "notice_sha256, method, ip_truncated, user_agent, linked_from, recorded_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(cast(? as timestamptz), now()))")
                .params(id, kind, subject, purpose, decision.name(), noticeVersion, noticeSha256, method.name(), ip,
                        userAgent, linkedFrom, collectedAt == null ? null : io.xaostech.platform.jdbc.Timestamps.utc(collectedAt))
                .update();
        return jdbc.sql("select " + COLUMNS + " from consent_records where id = ?").param(id)
                .query(ConsentRecords::record).single();
    }

    /** The newest record per purpose of a subject. */
    List<ConsentRecord> latest(String kind, String subject) {
        return jdbc.sql("select distinct on (purpose_code) " + COLUMNS + " from consent_records "
                        + "where subject_kind = ? and subject_id = ? order by purpose_code, recorded_at desc, id")
                .params(kind, subject).query(ConsentRecords::record).list();
    }

    /** A subject's records, newest first, before the given time (all if null). */
    List<ConsentRecord> history(String kind, String subject, java.time.OffsetDateTime before, int limit) {
        return jdbc.sql("select " + COLUMNS + " from consent_records where subject_kind = ? and subject_id = ? "
                        + "and recorded_at < coalesce(cast(? as timestamptz), 'infinity') order by recorded_at desc, id limit ?")
                .params(kind, subject, before, limit).query(ConsentRecords::record).list();
    }

    /** Replaces the subject of all their records with a pseudonym; answers how many records. */
    int anonymise(String kind, String subject, String pseudonym) {
        // The visitor records their account's copies came from name the same person: they go too.
        jdbc.sql("update consent_records set subject_id = ?, ip_truncated = null, user_agent = null where id in "
                        + "(select linked_from from consent_records where subject_kind = ? and subject_id = ? "
                        + "and linked_from is not null)")
                .params(pseudonym, kind, subject).update();
        return jdbc.sql("update consent_records set subject_id = ?, ip_truncated = null, user_agent = null "
                + "where subject_kind = ? and subject_id = ?").params(pseudonym, kind, subject).update();
    }

    private static ConsentRecord record(ResultSet rs, int row) throws SQLException {
        return new ConsentRecord(rs.getObject("id", UUID.class), rs.getString("subject_kind"), rs.getString("subject_id"),
                rs.getString("purpose_code"), Decision.valueOf(rs.getString("decision")), rs.getInt("notice_version"),
                rs.getString("notice_sha256"), Method.valueOf(rs.getString("method")), instant(rs, "recorded_at"),
                rs.getString("ip_truncated"), rs.getString("user_agent"));
    }
}
