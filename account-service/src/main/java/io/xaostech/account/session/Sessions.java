package io.xaostech.account.session;

import io.xaostech.common.event.EventEnvelope;
import io.xaostech.common.event.SessionEnded;
import io.xaostech.common.event.Topics;
import io.xaostech.common.id.EventId;
import io.xaostech.common.id.SessionId;
import io.xaostech.common.id.UserId;
import io.xaostech.common.service.XaosService;
import io.xaostech.platform.events.Outbox;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The registry of browser sign-ins: started at sign-in, linked to the token families issued within them, and
 * ended one by one or all together — ending deletes the Redis session, revokes its tokens and tells the other
 * services ({@link SessionEnded} on the account topic), so connections opened with those tokens close too.
 */
@Component
public class Sessions {

    /** HTTP session attribute holding the public session id. */
    public static final String SID_ATTRIBUTE = "xaos.sid";
    /** Authorization attribute and token claim carrying the public session id. */
    public static final String SID_CLAIM = "sid";

    public record SessionView(UUID sid, String device, String clientIp, Instant createdAt, Instant lastSeenAt) {
    }

    private final JdbcClient jdbc;
    private final FindByIndexNameSessionRepository<? extends Session> store;
    private final Clock clock;
    private final Outbox outbox;

    Sessions(JdbcClient jdbc, FindByIndexNameSessionRepository<? extends Session> store, Clock clock, Outbox outbox) {
        this.jdbc = jdbc;
        this.store = store;
        this.clock = clock;
        this.outbox = outbox;
    }

    /** Records a successful sign-in in the (already renewed) HTTP session. */
    @Transactional
    public UUID started(HttpServletRequest request, UUID userId) {
        HttpSession session = request.getSession();
        UUID sid = UUID.randomUUID();
        session.setAttribute(SID_ATTRIBUTE, sid.toString());
        String device = request.getHeader("User-Agent");
        jdbc.sql("insert into user_sessions (sid, user_id, device, client_ip, created_at) values (?, ?, ?, ?, ?)")
                .params(sid, userId, device == null ? null : device.substring(0, Math.min(200, device.length())),
                        request.getRemoteAddr(), Timestamp.from(clock.instant()))
                .update();
        return sid;
    }

    /** The public id of the browser session of the current request, if it is signed in. */
    public Optional<String> currentSid() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpSession session = attributes.getRequest().getSession(false);
            if (session != null && session.getAttribute(SID_ATTRIBUTE) instanceof String sid) {
                return Optional.of(sid);
            }
        }
        return Optional.empty();
    }

    /** Remembers that a token family was issued within a session. */
    public void linkAuthorization(String sid, String authorizationId) {
        jdbc.sql("insert into session_authorizations (sid, authorization_id) values (?::uuid, ?) on conflict do nothing")
                .params(sid, authorizationId).update();
    }

    @Transactional(readOnly = true)
    public List<SessionView> activeOf(UUID userId) {
        record Row(UUID sid, String device, String ip, Instant created) {
        }
        Map<String, ? extends Session> live = liveSessionsBySid(userId);
        return jdbc.sql("select sid, device, client_ip, created_at from user_sessions "
                        + "where user_id = ? and ended_at is null order by created_at")
                .param(userId)
                .query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list().stream()
                .filter(row -> live.containsKey(row.sid().toString()))
                .map(row -> new SessionView(row.sid(), row.device(), row.ip(), row.created(),
                        live.get(row.sid().toString()).getLastAccessedTime()))
                .toList();
    }

    /** Whether a public session id belongs to a session that is still signed in. */
    @Transactional(readOnly = true)
    public boolean isAlive(UUID sid) {
        return jdbc.sql("select user_id from user_sessions where sid = ? and ended_at is null")
                .param(sid).query(UUID.class).optional()
                .map(user -> liveSessionsBySid(user).containsKey(sid.toString()))
                .orElse(false);
    }

    /** Ends one session of a user; answers false if the user has no such open session. */
    @Transactional
    public boolean end(UUID userId, UUID sid) {
        int ended = jdbc.sql("update user_sessions set ended_at = ? where sid = ? and user_id = ? and ended_at is null")
                .params(Timestamp.from(clock.instant()), sid, userId).update();
        if (ended == 0) {
            return false;
        }
        Session live = liveSessionsBySid(userId).get(sid.toString());
        if (live != null) {
            store.deleteById(live.getId());
        }
        revokeTokensOf(List.of(sid));
        Instant now = clock.instant();
        outbox.add(Topics.ACCOUNT, new EventEnvelope<>(EventId.random(), SessionEnded.TYPE, SessionEnded.VERSION,
                XaosService.ACCOUNT.id(), userId.toString(), now, MDC.get("requestId"),
                new SessionEnded(new UserId(userId), new SessionId(sid), now)));
        return true;
    }

    /** Ends every session of a user (sign out everywhere); answers how many were open. */
    @Transactional
    public int endAllOf(UUID userId) {
        List<UUID> sids = jdbc.sql("select sid from user_sessions where user_id = ? and ended_at is null")
                .param(userId).query(UUID.class).list();
        sids.forEach(sid -> end(userId, sid));
        store.findByPrincipalName(userId.toString()).keySet().forEach(store::deleteById);
        return sids.size();
    }

    /** The user's sessions in Redis, by their public id; the principal-name index finds them whatever their id. */
    private Map<String, ? extends Session> liveSessionsBySid(UUID userId) {
        return store.findByPrincipalName(userId.toString()).values().stream()
                .filter(session -> session.getAttribute(SID_ATTRIBUTE) instanceof String)
                .collect(Collectors.toMap(session -> (String) session.getAttribute(SID_ATTRIBUTE), session -> session,
                        (a, b) -> a));
    }

    private void revokeTokensOf(List<UUID> sids) {
        for (UUID sid : sids) {
            jdbc.sql("delete from oauth2_authorization where id in "
                    + "(select authorization_id from session_authorizations where sid = ?)").param(sid).update();
        }
    }
}
