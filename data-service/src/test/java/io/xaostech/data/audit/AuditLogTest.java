package io.xaostech.data.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import io.xaostech.common.security.Role;
import io.xaostech.data.DataApi;
import io.xaostech.platform.test.TestIssuer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log refuses changes, and a change made anyway (by someone able to switch the database's triggers
 * off) is found by the verification, which names the first broken row.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditLogTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    AuditLog log;

    @Test
    void consentChangesAreAuditedAndTheChainVerifies() {
        DataApi api = new DataApi(port);
        UUID userId = UUID.randomUUID();
        String user = TestIssuer.get().userToken(userId, Role.USER);
        String admin = TestIssuer.get().userToken(UUID.randomUUID(), Role.USER, Role.ADMIN);
        api.call("PUT", "/api/v1/data/users/" + userId + "/consents", user, api.choices("API", "analytics=GRANTED"));

        assertThat(jdbc.sql("select count(*) from audit_log where subject = ? and action = 'consent.changed'")
                .param("user:" + userId).query(Integer.class).single()).isEqualTo(1);
        String verification = api.call("GET", "/api/v1/data/admin/audit/verification", admin, null).body();
        assertThat(JsonPath.<Boolean>read(verification, "$.valid")).as(verification).isTrue();
        assertThat(api.call("GET", "/api/v1/data/admin/audit/verification", user, null).statusCode()).isEqualTo(403);
    }

    @Test
    void theDatabaseRefusesChangesToTheLogAndToConsentDecisions() {
        DataApi api = new DataApi(port);
        UUID userId = UUID.randomUUID();
        api.call("PUT", "/api/v1/data/users/" + userId + "/consents", TestIssuer.get().userToken(userId, Role.USER),
                api.choices("API", "marketing=GRANTED"));
        log.record("test", "test.entry", "subject", Map.of("n", 1));
        assertThatThrownBy(() -> jdbc.sql("update audit_log set details = '{}' where seq = (select max(seq) from audit_log)")
                .update()).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log").update()).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("update consent_records set decision = 'DENIED' where subject_id = ?")
                .param(userId.toString()).update()).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from consent_records where subject_id = ?").param(userId.toString())
                .update()).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("update consent_records set subject_id = ? where subject_id = ?")
                .params(UUID.randomUUID().toString(), userId.toString()).update())
                .as("a record cannot be moved to someone else").isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_log").update()).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
    }

    @Test
    void aRowChangedOrRemovedBehindTheTriggersBackIsFound() {
        log.record("test", "test.entry", "first", Map.of("n", 1));
        log.record("test", "test.entry", "second", Map.of("n", 2));
        log.record("test", "test.entry", "third", Map.of("n", 3));
        long second = jdbc.sql("select seq from audit_log where subject = 'second' order by seq desc limit 1")
                .query(Long.class).single();
        String original = jdbc.sql("select details from audit_log where seq = ?").param(second).query(String.class).single();
        assertThat(log.verify().valid()).isTrue();
        try {
            behindTheTriggers("update audit_log set details = '{\"n\":20}' where seq = " + second);
            AuditLog.Verification changed = log.verify();
            assertThat(changed.valid()).isFalse();
            assertThat(changed.firstBrokenSeq()).isEqualTo(second);
            assertThat(changed.problem()).contains("changed");
        } finally {
            behindTheTriggers("update audit_log set details = '" + original + "' where seq = " + second);
        }
        assertThat(log.verify().valid()).isTrue();

        AuditLog.Entry removed = jdbc.sql("select * from audit_log where seq = ?").param(second)
                .query((rs, i) -> new AuditLog.Entry(rs.getLong("seq"), rs.getLong("at_micros"), rs.getString("actor"),
                        rs.getString("action"), rs.getString("subject"), rs.getString("details"), rs.getString("prev_hash"),
                        rs.getString("hash"))).single();
        try {
            behindTheTriggers("delete from audit_log where seq = " + second);
            AuditLog.Verification missing = log.verify();
            assertThat(missing.valid()).isFalse();
            assertThat(missing.firstBrokenSeq()).isEqualTo(second);
            assertThat(missing.problem()).contains("missing");
        } finally {
            tx.executeWithoutResult(status -> {
                jdbc.sql("set local session_replication_role = replica").update();
                jdbc.sql("insert into audit_log (seq, at_micros, actor, action, subject, details, prev_hash, hash) "
                                + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(removed.seq(), removed.atMicros(), removed.actor(), removed.action(), removed.subject(),
                                removed.details(), removed.prevHash(), removed.hash()).update();
            });
        }
        assertThat(log.verify().valid()).isTrue();
    }

    /** Runs a statement with the triggers off, as only a database superuser can. */
    private void behindTheTriggers(String sql) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("set local session_replication_role = replica").update();
            jdbc.sql(sql).update();
        });
    }
}
