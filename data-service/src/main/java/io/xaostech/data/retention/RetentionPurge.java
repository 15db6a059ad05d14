package io.xaostech.data.retention;

import io.xaostech.data.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes what outlived its retention period, category by category, and writes what it removed to the audit
 * log (in the same transaction). Safe on several instances: a second run finds nothing left to do.
 */
@Component
public class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final RetentionProperties properties;
    private final TransactionTemplate tx;

    RetentionPurge(JdbcClient jdbc, AuditLog audit, RetentionProperties properties, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.properties = properties;
        this.tx = tx;
    }

    @Scheduled(fixedDelayString = "${xaos.data.retention.purge-interval:6h}", initialDelayString = "1m")
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.warn("Retention purge failed (next run tries again): {}", e.toString());
        }
    }

    /** Runs the purge now; answers how many of each category it removed. */
    public Map<String, Integer> purge() {
        return tx.execute(status -> {
            Map<String, Integer> purged = new LinkedHashMap<>();
            // Visitors' decisions are anonymised, never deleted: the log stays whole, naming no one.
            purged.put("visitorConsents", jdbc.sql("update consent_records set subject_id = 'erased-' || gen_random_uuid(), "
                            + "ip_truncated = null, user_agent = null where subject_kind = 'VISITOR' "
                            + "and subject_id not like 'erased-%' and recorded_at < now() - cast(? as interval)")
                    .param(properties.visitorConsents().toSeconds() + " seconds").update());
            String before = "now() - cast('" + properties.privacyRequests().toSeconds() + " seconds' as interval)";
            jdbc.sql("delete from privacy_request_steps where request_id in (select id from privacy_requests "
                    + "where status = 'COMPLETED' and completed_at < " + before + ")").update();
            purged.put("privacyRequests", jdbc.sql("delete from privacy_requests where status = 'COMPLETED' "
                    + "and completed_at < " + before).update());
            if (purged.values().stream().anyMatch(count -> count > 0)) {
                audit.record("data", "retention.purged", "retention", purged);
            }
            return purged;
        });
    }
}
