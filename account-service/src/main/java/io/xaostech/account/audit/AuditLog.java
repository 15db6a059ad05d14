package io.xaostech.account.audit;

import io.xaostech.common.page.Page;
import io.xaostech.common.page.PageRequest;
import io.xaostech.common.problem.FieldError;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Writes and reads the append-only audit trail in the {@code account} schema. */
@Component
public class AuditLog {

    /** What is recorded. */
    public enum Type {
        SIGN_IN_SUCCEEDED, SIGN_IN_FAILED, SIGN_IN_LOCKED, REFRESH_TOKEN_REUSED, USER_REGISTERED, EMAIL_VERIFIED,
        API_KEY_CREATED, API_KEY_REVOKED, USER_DISABLED, USER_ENABLED, ROLES_CHANGED, USER_DELETED, PASSWORD_CHANGED, PASSWORD_RESET, IDENTITY_LINKED,
        IDENTITY_UNLINKED, CONSENT_WITHDRAWN, CLIENT_REGISTERED, CLIENT_DELETED, MFA_ENABLED, MFA_DISABLED,
        MFA_FAILED
    }

    public record Event(long id, String occurredAt, String type, String actor, String subject, String clientIp,
                        String requestId, String details) {
    }

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an event; the client address and request id come from the current request, if any. */
    public void record(Type type, String actor, String subject, String details) {
        String clientIp = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            clientIp = attributes.getRequest().getRemoteAddr();
        }
        jdbc.sql("insert into audit_events (type, actor, subject, client_ip, request_id, details) values (?, ?, ?, ?, ?, ?)")
                .params(type.name(), truncate(actor, 100), truncate(subject, 100), truncate(clientIp, 45),
                        truncate(MDC.get("requestId"), 128), truncate(details, 2000))
                .update();
    }

    /**
     * Newest first, optionally about one subject, one page at a time; the cursor is the id of the last event of
     * the previous page, so events recorded meanwhile never shift the pages.
     */
    public Page<Event> recent(String subject, PageRequest page) {
        long before = Long.MAX_VALUE;
        if (page.cursor() != null) {
            try {
                before = Long.parseLong(page.cursor());
            } catch (NumberFormatException e) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "The request is invalid: cursor is not one this"
                        + " API gave out.", Map.of(ProblemType.ERRORS_PROPERTY, List.of(new FieldError("cursor", "is not valid"))));
            }
        }
        String where = " where id < :before" + (subject == null ? "" : " and subject = :subject");
        var query = jdbc.sql("select id, occurred_at::text, type, actor, subject, client_ip, request_id, details"
                        + " from audit_events" + where + " order by id desc limit :limit")
                .param("limit", page.limit() + 1).param("before", before);
        if (subject != null) {
            query = query.param("subject", subject);
        }
        List<Event> rows = query.query((rs, i) -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8))).list();
        if (rows.size() <= page.limit()) {
            return Page.last(rows);
        }
        List<Event> items = rows.subList(0, page.limit());
        return new Page<>(items, String.valueOf(items.get(items.size() - 1).id()));
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
