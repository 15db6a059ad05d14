package io.xaostech.account.social;

import io.xaostech.account.audit.AuditLog;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sign-in identities at other providers linked to a user, and unlinking one. The last way in is never
 * removed: a user without a password keeps at least one identity.
 */
@Service
class LinkedIdentities {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    LinkedIdentities(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    record LinkedIdentity(String provider, String subject, Instant linkedAt) {
    }

    @Transactional(readOnly = true)
    List<LinkedIdentity> of(UUID user) {
        return jdbc.sql("select provider, subject, linked_at from user_identities where user_id = ? order by provider, linked_at")
                .param(user)
                .query((rs, row) -> new LinkedIdentity(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    @Transactional
    void unlink(UUID user, String provider) {
        boolean hasPassword = jdbc.sql("select password_hash is not null from users where id = ? for update")
                .param(user).query(Boolean.class).optional().orElse(false);
        int identities = jdbc.sql("select count(*) from user_identities where user_id = ?").param(user)
                .query(Integer.class).single();
        int linkedHere = jdbc.sql("select count(*) from user_identities where user_id = ? and provider = ?")
                .params(user, provider).query(Integer.class).single();
        if (linkedHere == 0) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No " + provider + " identity is linked to your account.",
                    Map.of("provider", provider));
        }
        if (!hasPassword && identities == linkedHere) {
            throw new ProblemException(ProblemType.CONFLICT, "This is your only way to sign in; set a password (reset it"
                    + " by mail) or link another provider first.", Map.of("provider", provider));
        }
        jdbc.sql("delete from user_identities where user_id = ? and provider = ?").params(user, provider).update();
        audit.record(AuditLog.Type.IDENTITY_UNLINKED, user.toString(), user.toString(), provider);
    }
}
