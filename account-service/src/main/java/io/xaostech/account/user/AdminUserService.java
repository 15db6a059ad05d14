package io.xaostech.account.user;

import io.xaostech.account.audit.AuditLog;
import io.xaostech.account.oauth.TokenRevocation;
import io.xaostech.account.session.Sessions;
import io.xaostech.common.page.Page;
import io.xaostech.common.page.PageRequest;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.security.Role;
import io.xaostech.platform.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What administrators (and, for the supporter role, payments) may do to users. */
@Service
class AdminUserService {

    record UserSummary(UUID id, String email, String displayName, String status, boolean emailVerified,
                       Set<Role> roles, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final TokenRevocation tokens;
    private final AuditLog audit;
    private final Sessions sessions;

    AdminUserService(JdbcClient jdbc, TokenRevocation tokens, AuditLog audit, Sessions sessions) {
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.audit = audit;
    }

    /** Users whose email or display name contains {@code query}, oldest first, cursor-paginated. */
    @Transactional(readOnly = true)
    Page<UserSummary> search(String query, PageRequest page) {
        String pattern = query == null || query.isBlank() ? "%" : "%" + escapeLike(query.strip().toLowerCase()) + "%";
        Instant afterCreated = Instant.EPOCH;
        UUID afterId = new UUID(0, 0);
        if (page.cursor() != null) {
            String[] parts = decode(page.cursor());
            afterCreated = Instant.parse(parts[0]);
            afterId = UUID.fromString(parts[1]);
        }
        List<UserSummary> rows = jdbc.sql("""
                        select u.id, u.email, u.display_name, u.status, u.email_verified, u.created_at,
                               coalesce(string_agg(r.role, ' '), '') as roles
                        from users u left join user_roles r on r.user_id = u.id
                        where (lower(u.email) like :pattern escape '\\' or lower(u.display_name) like :pattern escape '\\')
                          and (u.created_at, u.id) > (:afterCreated, :afterId)
                        group by u.id order by u.created_at, u.id limit :limit""")
                .param("pattern", pattern).param("afterCreated", Timestamp.from(afterCreated)).param("afterId", afterId)
                .param("limit", page.limit() + 1)
                .query((rs, i) -> new UserSummary(rs.getObject("id", UUID.class), rs.getString("email"),
                        rs.getString("display_name"), rs.getString("status"), rs.getBoolean("email_verified"),
                        roles(rs.getString("roles")), rs.getTimestamp("created_at").toInstant()))
                .list();
        if (rows.size() <= page.limit()) {
            return Page.last(rows);
        }
        List<UserSummary> items = new ArrayList<>(rows.subList(0, page.limit()));
        UserSummary last = items.get(items.size() - 1);
        return new Page<>(items, encode(last.createdAt() + "|" + last.id()));
    }

    /** Disables a user: no sign-in, no refresh, every sign-in session ended and every token revoked at once. */
    @Transactional
    void disable(String admin, UUID user) {
        setStatus(user, "DISABLED");
        sessions.endAllOf(user);
        int revoked = tokens.revokeAllOf(user);
        audit.record(AuditLog.Type.USER_DISABLED, admin, user.toString(), "revoked authorizations: " + revoked);
    }

    @Transactional
    void enable(String admin, UUID user) {
        setStatus(user, "ACTIVE");
        audit.record(AuditLog.Type.USER_ENABLED, admin, user.toString(), null);
    }

    /** Replaces the roles of a user; every user keeps USER. New roles reach tokens at the next refresh. */
    @Transactional
    Set<Role> setRoles(String actor, UUID user, Set<Role> roles) {
        requireUser(user);
        Set<Role> granted = EnumSet.of(Role.USER);
        granted.addAll(roles);
        jdbc.sql("delete from user_roles where user_id = ?").param(user).update();
        granted.forEach(role -> jdbc.sql("insert into user_roles (user_id, role) values (?, ?)")
                .params(user, role.name()).update());
        audit.record(AuditLog.Type.ROLES_CHANGED, actor, user.toString(),
                granted.stream().map(Role::name).sorted().collect(Collectors.joining(" ")));
        return granted;
    }

    @Transactional
    Set<Role> grant(String actor, UUID user, Role role, boolean granted) {
        requireUser(user);
        Set<Role> current = EnumSet.noneOf(Role.class);
        current.addAll(roles(jdbc.sql("select coalesce(string_agg(role, ' '), '') from user_roles where user_id = ?")
                .param(user).query(String.class).single()));
        if (granted) {
            current.add(role);
        } else {
            current.remove(role);
        }
        return setRoles(actor, user, current);
    }

    private void setStatus(UUID user, String status) {
        int rows = jdbc.sql("update users set status = ?, updated_at = now(), version = version + 1 "
                + "where id = ? and status <> 'DELETED'").params(status, user).update();
        if (rows == 0) {
            throw notFound(user);
        }
    }

    /** The user must exist; their row stays locked to the end of the transaction, so role changes take turns. */
    private void requireUser(UUID user) {
        if (jdbc.sql("select id from users where id = ? and status <> 'DELETED' for update").param(user)
                .query(UUID.class).optional().isEmpty()) {
            throw notFound(user);
        }
    }

    private static ProblemException notFound(UUID user) {
        return new ProblemException(ProblemType.NOT_FOUND, "No user " + user + ".", Map.of("userId", user));
    }

    private static Set<Role> roles(String names) {
        return names.isBlank() ? Set.of() : Arrays.stream(names.split(" ")).map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String encode(String cursor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            Instant.parse(parts[0]);
            UUID.fromString(parts[1]);
            return parts;
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The cursor is not one this API gave out.");
        }
    }
}
