package io.xaostech.account.user;

import io.xaostech.common.security.Role;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users and their roles in the {@code account} schema. */
@Repository
class Users {

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    Optional<UUID> idByEmail(String email) {
        return jdbc.sql("select id from users where lower(email) = ?").param(normalise(email)).query(UUID.class).optional();
    }

    /** Creates a user; answers false if the email is taken (also under a concurrent registration). */
    boolean insert(UUID id, String email, String displayName, String passwordHash, boolean verified, Instant now) {
        int rows = jdbc.sql("""
                        insert into users (id, email, email_verified, display_name, password_hash, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(id, email.strip(), verified, displayName.strip(), passwordHash, Timestamp.from(now), Timestamp.from(now))
                .update();
        if (rows == 1) {
            grant(id, Role.USER);
        }
        return rows == 1;
    }

    void grant(UUID id, Role role) {
        jdbc.sql("insert into user_roles (user_id, role) values (?, ?) on conflict do nothing")
                .params(id, role.name()).update();
    }

    boolean anyWithRole(Role role) {
        return jdbc.sql("select exists (select 1 from user_roles where role = ?)").param(role.name())
                .query(Boolean.class).single();
    }

    void markEmailVerified(UUID id, Instant now) {
        jdbc.sql("update users set email_verified = true, updated_at = ?, version = version + 1 where id = ?")
                .params(Timestamp.from(now), id).update();
    }

    /** What a user sees of their own account. */
    record Profile(UUID id, String email, boolean emailVerified, String displayName, List<String> roles,
                   boolean hasPassword, Instant createdAt) {
    }

    Optional<Profile> profile(UUID id) {
        return jdbc.sql("""
                        select u.id, u.email, u.email_verified, u.display_name, u.password_hash is not null, u.created_at,
                               coalesce(array_agg(r.role order by r.role) filter (where r.role is not null), '{}') as roles
                        from users u left join user_roles r on r.user_id = u.id
                        where u.id = ? and u.status = 'ACTIVE' group by u.id""")
                .param(id)
                .query((rs, row) -> new Profile(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3),
                        rs.getString(4), List.of((String[]) rs.getArray(7).getArray()), rs.getBoolean(5),
                        rs.getTimestamp(6).toInstant()))
                .optional();
    }

    boolean rename(UUID id, String displayName, Instant now) {
        return jdbc.sql("update users set display_name = ?, updated_at = ?, version = version + 1 where id = ? and status = 'ACTIVE'")
                .params(displayName, java.sql.Timestamp.from(now), id).update() == 1;
    }
}
