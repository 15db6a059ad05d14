package io.xaostech.data.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What outlived its retention period goes (visitors' decisions anonymised, old requests deleted), on the record. */
@SpringBootTest
class RetentionTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RetentionPurge purge;

    @Test
    void expiredDataIsPurgedAndThePurgeIsAudited() {
        String oldVisitor = "retention-old-" + UUID.randomUUID().toString().substring(0, 8);
        String newVisitor = "retention-new-" + UUID.randomUUID().toString().substring(0, 8);
        visitorDecision(oldVisitor, "now() - interval '500 days'");
        visitorDecision(newVisitor, "now() - interval '10 days'");
        UUID oldRequest = finishedRequest("now() - interval '4 years'");
        UUID newRequest = finishedRequest("now() - interval '1 day'");

        Map<String, Integer> purged = purge.purge();

        assertThat(purged.get("visitorConsents")).isGreaterThanOrEqualTo(1);
        assertThat(purged.get("privacyRequests")).isGreaterThanOrEqualTo(1);
        assertThat(count("select count(*) from consent_records where subject_id = ?", oldVisitor)).as("anonymised").isZero();
        assertThat(count("select count(*) from consent_records where subject_id = ?", newVisitor)).as("kept").isEqualTo(1);
        assertThat(count("select count(*) from privacy_requests where id = ?::uuid", oldRequest.toString())).isZero();
        assertThat(count("select count(*) from privacy_request_steps where request_id = ?::uuid", oldRequest.toString())).isZero();
        assertThat(count("select count(*) from privacy_requests where id = ?::uuid", newRequest.toString())).isEqualTo(1);
        assertThat(jdbc.sql("select details from audit_log where action = 'retention.purged' order by seq desc limit 1")
                .query(String.class).single()).contains("visitorConsents").contains("privacyRequests");
        assertThat(purge.purge()).as("nothing left the second time").containsValues(0, 0);
    }

    private void visitorDecision(String visitor, String when) {
        jdbc.sql("insert into consent_records (id, subject_kind, subject_id, purpose_code, decision, notice_version, "
                        + "notice_sha256, method, ip_truncated, recorded_at) select ?, 'VISITOR', ?, 'analytics', 'GRANTED', "
                        + "version, text_sha256, 'BANNER', '192.0.2.0', " + when + " from notices "
                        + "where purpose_code = 'analytics' order by version desc limit 1")
                .params(UUID.randomUUID(), visitor).update();
    }

    private UUID finishedRequest(String when) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into privacy_requests (id, user_id, kind, status, filed_by, filed_at, due_at, completed_at) "
                + "values (?, ?, 'ERASURE', 'COMPLETED', ?, " + when + ", " + when + ", " + when + ")")
                .params(id, UUID.randomUUID(), UUID.randomUUID()).update();
        jdbc.sql("insert into privacy_request_steps (request_id, service, status, done_at) values (?, 'blog', 'DONE', "
                + when + ")").param(id).update();
        return id;
    }

    private int count(String sql, String param) {
        return jdbc.sql(sql).param(param).query(Integer.class).single();
    }
}
