package io.xaostech.data.request;

import static io.xaostech.platform.jdbc.Timestamps.instant;
import static io.xaostech.platform.jdbc.Timestamps.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code privacy_requests} and {@code privacy_request_steps} tables. */
@Repository
class PrivacyRequests {

    /** A stored request without its steps. */
    record Row(UUID id, UUID userId, RequestKind kind, String status, UUID filedBy, String note, Instant filedAt,
               Instant dueAt, Instant completedAt, String exportKey) {
    }

    /** A step due for an attempt, with what the attempt needs to know and the claim it holds. */
    record Due(UUID requestId, UUID userId, RequestKind kind, String service, int attempts, UUID claim) {
    }

    private final JdbcClient jdbc;

    PrivacyRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID user, RequestKind kind, UUID filedBy, String note, Instant due, List<String> services) {
        jdbc.sql("insert into privacy_requests (id, user_id, kind, status, filed_by, note, due_at) "
                        + "values (?, ?, ?, 'IN_PROGRESS', ?, ?, ?)")
                .params(id, user, kind.name(), filedBy, note, utc(due)).update();
        for (String service : services) {
            jdbc.sql("insert into privacy_request_steps (request_id, service, status) values (?, ?, 'PENDING')")
                    .params(id, service).update();
        }
    }

    Optional<UUID> running(UUID user, RequestKind kind) {
        return jdbc.sql("select id from privacy_requests where user_id = ? and kind = ? and status = 'IN_PROGRESS'")
                .params(user, kind.name()).query(UUID.class).optional();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("select * from privacy_requests where id = ?").param(id).query(PrivacyRequests::row).optional();
    }

    List<Row> of(UUID user, int limit) {
        return jdbc.sql("select * from privacy_requests where user_id = ? order by filed_at desc limit ?")
                .params(user, limit).query(PrivacyRequests::row).list();
    }

    List<PrivacyRequest.Step> steps(UUID request) {
        return jdbc.sql("select * from privacy_request_steps where request_id = ? order by service").param(request)
                .query((rs, i) -> new PrivacyRequest.Step(rs.getString("service"), rs.getString("status"),
                        rs.getInt("attempts"), instant(rs, "next_attempt_at"), rs.getString("last_error"),
                        rs.getString("outcome"), instant(rs, "done_at"))).list();
    }

    /**
     * Claims steps that are due (locked past other instances, and pushed back by {@code lease} so that a crash
     * mid-attempt only delays them); the caller's transaction commits the claim.
     */
    List<Due> claimDue(int limit, java.time.Duration lease) {
        List<Due> due = jdbc.sql("select s.request_id, r.user_id, r.kind, s.service, s.attempts from privacy_request_steps s "
                        + "join privacy_requests r on r.id = s.request_id where s.status = 'PENDING' "
                        + "and s.next_attempt_at <= now() order by s.next_attempt_at limit ? for update of s skip locked")
                .param(limit)
                .query((rs, i) -> new Due(rs.getObject("request_id", UUID.class), rs.getObject("user_id", UUID.class),
                        RequestKind.valueOf(rs.getString("kind")), rs.getString("service"), rs.getInt("attempts"),
                        UUID.randomUUID()))
                .list();
        for (Due step : due) {
            jdbc.sql("update privacy_request_steps set next_attempt_at = now() + cast(? as interval), claim = ? "
                            + "where request_id = ? and service = ?")
                    .params(lease.toSeconds() + " seconds", step.claim(), step.requestId(), step.service()).update();
        }
        return due;
    }

    /** Records the attempt's success, if the attempt still holds its claim; answers whether it did. */
    boolean done(Due step, String outcome) {
        return jdbc.sql("update privacy_request_steps set status = 'DONE', attempts = attempts + 1, outcome = ?, "
                        + "last_error = null, done_at = now() where request_id = ? and service = ? and status = 'PENDING' "
                        + "and claim = ?")
                .params(outcome, step.requestId(), step.service(), step.claim()).update() == 1;
    }

    /** Records the attempt's failure and when to try again, if the attempt still holds its claim. */
    void failed(Due step, String error, java.time.Duration retryIn) {
        jdbc.sql("update privacy_request_steps set attempts = attempts + 1, last_error = ?, "
                        + "next_attempt_at = now() + cast(? as interval) where request_id = ? and service = ? "
                        + "and status = 'PENDING' and claim = ?")
                .params(error.length() > 500 ? error.substring(0, 500) : error, retryIn.toMillis() + " milliseconds",
                        step.requestId(), step.service(), step.claim()).update();
    }

    /** Requests in progress whose every step is done: ready to complete (retried until they do). */
    List<Row> completable(int limit) {
        return jdbc.sql("select * from privacy_requests r where status = 'IN_PROGRESS' and not exists (select 1 from "
                        + "privacy_request_steps s where s.request_id = r.id and s.status <> 'DONE') order by filed_at limit ?")
                .param(limit).query(PrivacyRequests::row).list();
    }

    /** Exports whose offer ended and whose bundle is still stored. */
    List<Row> expiredExports(java.time.Duration offeredFor, int limit) {
        return jdbc.sql("select * from privacy_requests where export_key is not null "
                        + "and completed_at < now() - cast(? as interval) limit ?")
                .params(offeredFor.toSeconds() + " seconds", limit).query(PrivacyRequests::row).list();
    }

    void forgetExport(UUID request) {
        jdbc.sql("update privacy_requests set export_key = null where id = ?").param(request).update();
    }

    /** Marks the request completed if every step is done (and it was not already); answers whether it did. */
    boolean completeIfDone(UUID request, String exportKey) {
        return jdbc.sql("update privacy_requests set status = 'COMPLETED', completed_at = now(), export_key = ? "
                        + "where id = ? and status = 'IN_PROGRESS' and not exists (select 1 from privacy_request_steps "
                        + "where request_id = ? and status <> 'DONE')")
                .params(exportKey, request, request).update() == 1;
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                RequestKind.valueOf(rs.getString("kind")), rs.getString("status"), rs.getObject("filed_by", UUID.class),
                rs.getString("note"), instant(rs, "filed_at"), instant(rs, "due_at"), instant(rs, "completed_at"),
                rs.getString("export_key"));
    }
}
