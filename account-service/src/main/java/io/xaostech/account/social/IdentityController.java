package io.xaostech.account.social;

import io.xaostech.account.audit.AuditLog;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sign-in identities at other providers linked to the signed-in user, and unlinking one. The last way in
 * is never removed: a user without a password keeps at least one identity.
 */
@RestController
@Validated
class IdentityController {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    IdentityController(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    record LinkedIdentity(String provider, String subject, Instant linkedAt) {
    }

    @GetMapping("/api/v1/account/me/identities")
    List<LinkedIdentity> list(@AuthenticationPrincipal Jwt user) {
        return jdbc.sql("select provider, subject, linked_at from user_identities where user_id = ? order by provider, linked_at")
                .param(UUID.fromString(user.getSubject()))
                .query((rs, row) -> new LinkedIdentity(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant()))
                .list();
    }

    @DeleteMapping("/api/v1/account/me/identities/{provider}")
    @Transactional
    ResponseEntity<Void> unlink(@AuthenticationPrincipal Jwt user, @PathVariable @Size(max = 32) String provider) {
        UUID id = UUID.fromString(user.getSubject());
        boolean hasPassword = jdbc.sql("select password_hash is not null from users where id = ? for update")
                .param(id).query(Boolean.class).optional().orElse(false);
        int identities = jdbc.sql("select count(*) from user_identities where user_id = ?").param(id)
                .query(Integer.class).single();
        int linkedHere = jdbc.sql("select count(*) from user_identities where user_id = ? and provider = ?")
                .params(id, provider).query(Integer.class).single();
        if (linkedHere == 0) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No " + provider + " identity is linked to your account.",
                    Map.of("provider", provider));
        }
        if (!hasPassword && identities == linkedHere) {
            throw new ProblemException(ProblemType.CONFLICT, "This is your only way to sign in; set a password (reset it"
                    + " by mail) or link another provider first.", Map.of("provider", provider));
        }
        jdbc.sql("delete from user_identities where user_id = ? and provider = ?").params(id, provider).update();
        audit.record(AuditLog.Type.IDENTITY_UNLINKED, user.getSubject(), user.getSubject(), provider);
        return ResponseEntity.noContent().build();
    }
}
