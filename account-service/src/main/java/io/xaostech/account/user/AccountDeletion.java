package io.xaostech.account.user;

import io.xaostech.account.audit.AuditLog;
import io.xaostech.account.oauth.TokenRevocation;
import io.xaostech.common.event.EventEnvelope;
import io.xaostech.common.event.Topics;
import io.xaostech.common.event.UserDeleted;
import io.xaostech.common.id.EventId;
import io.xaostech.common.id.UserId;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.common.service.XaosService;
import io.xaostech.platform.events.Outbox;
import io.xaostech.platform.web.ProblemException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user deletes their own account after proving it is them (their password), or a privacy erasure filed through
 * data-service erases it. In one transaction: the
 * personal data is anonymised (the row stays so ids in audit and billing records still resolve), roles, API
 * keys and every token are revoked, and a {@code UserDeleted} event goes to the outbox so every other service
 * erases its part.
 */
@Service
class AccountDeletion {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final TokenRevocation tokens;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    AccountDeletion(JdbcClient jdbc, PasswordEncoder passwords, TokenRevocation tokens, Outbox outbox, AuditLog audit,
                    Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.tokens = tokens;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    void delete(UserId user, String password) {
        String hash = jdbc.sql("select password_hash from users where id = ? and status <> 'DELETED' for update")
                .param(user.value()).query(String.class).optional()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such account."));
        if (hash == null || password == null || !passwords.matches(password, hash)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Confirm with your current password to delete the account.");
        }
        erase(user, user.toString());
    }

    /**
     * Anonymises the account, revokes everything and announces it (a privacy erasure filed through data-service
     * comes here without a password: the person proved themself when filing). Answers false when there was nothing
     * left to erase (already deleted, or never there), so erasing twice changes nothing. {@code actor} is who the
     * audit log names: the user themself, or the privacy request's service.
     */
    @Transactional
    boolean erase(UserId user, String actor) {
        boolean present = jdbc.sql("select 1 from users where id = ? and status <> 'DELETED' for update")
                .param(user.value()).query(Integer.class).optional().isPresent();
        if (!present) {
            return false;
        }
        Instant now = clock.instant();
        jdbc.sql("""
                update users set status = 'DELETED', email = 'deleted-' || id || '@deleted.invalid',
                       display_name = 'Deleted user', password_hash = null, email_verified = false,
                       updated_at = ?, version = version + 1
                where id = ?""").params(Timestamp.from(now), user.value()).update();
        jdbc.sql("delete from user_roles where user_id = ?").param(user.value()).update();
        jdbc.sql("delete from supporter_entitlements where user_id = ?").param(user.value()).update();
        // Keys go altogether (their names are the person's words); the gateway's cached answers lapse within 30 s.
        jdbc.sql("delete from api_keys where user_id = ?").param(user.value()).update();
        jdbc.sql("delete from oauth2_authorization_consent where principal_name = ?").param(user.toString()).update();
        jdbc.sql("delete from email_tokens where user_id = ?").param(user.value()).update();
        // What else ties the row to the person: linked sign-in identities and the second factor.
        jdbc.sql("delete from user_identities where user_id = ?").param(user.value()).update();
        jdbc.sql("delete from user_totp where user_id = ?").param(user.value()).update();
        jdbc.sql("delete from user_recovery_codes where user_id = ?").param(user.value()).update();
        // Ends every open sign-in session (announced, so chat closes their connections), then forgets the devices.
        tokens.revokeAllOf(user.value());
        jdbc.sql("update user_sessions set device = null, client_ip = null where user_id = ?").param(user.value()).update();
        outbox.add(Topics.ACCOUNT, new EventEnvelope<>(EventId.random(), UserDeleted.TYPE, UserDeleted.VERSION,
                XaosService.ACCOUNT.id(), user.toString(), now, MDC.get("requestId"), new UserDeleted(user, now)));
        audit.record(AuditLog.Type.USER_DELETED, actor, user.toString(), null);
        return true;
    }
}
