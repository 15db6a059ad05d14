package io.xaostech.account.user;

import io.xaostech.account.audit.AuditLog;
import io.xaostech.account.config.AccountProperties;
import io.xaostech.account.mail.Mail;
import io.xaostech.account.mail.Mailer;
import io.xaostech.account.oauth.TokenRevocation;
import io.xaostech.common.problem.FieldError;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.redis.Keyspace;
import io.xaostech.platform.web.ProblemException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changing a password (with the current one) and resetting a forgotten one (with a mailed single-use token).
 * Either way every token of the user is revoked, so other sessions end. Reset requests always get the same
 * answer, and at most {@link #RESETS_PER_HOUR} mails go to one address an hour.
 */
@Service
class PasswordService {

    static final int RESETS_PER_HOUR = 3;
    static final Duration RESET_TOKEN_LIFETIME = Duration.ofMinutes(30);

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final EmailTokens tokens;
    private final TokenRevocation revocation;
    private final Mailer mailer;
    private final StringRedisTemplate redis;
    private final Keyspace keyspace;
    private final AuditLog audit;
    private final AccountProperties.Users settings;
    private final Clock clock;

    PasswordService(JdbcClient jdbc, PasswordEncoder passwords, PasswordPolicy policy, EmailTokens tokens,
                    TokenRevocation revocation, Mailer mailer, StringRedisTemplate redis, Keyspace keyspace,
                    AuditLog audit, AccountProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.policy = policy;
        this.tokens = tokens;
        this.revocation = revocation;
        this.mailer = mailer;
        this.redis = redis;
        this.keyspace = keyspace;
        this.audit = audit;
        this.settings = properties.users();
        this.clock = clock;
    }

    @Transactional
    void change(UUID user, String current, String replacement) {
        String hash = jdbc.sql("select password_hash from users where id = ? and status = 'ACTIVE' for update")
                .param(user).query(String.class).optional().orElse(null);
        if (hash == null || current == null || !passwords.matches(current, hash)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The current password is not right.");
        }
        String email = jdbc.sql("select email from users where id = ?").param(user).query(String.class).single();
        setPassword(user, email, replacement);
        audit.record(AuditLog.Type.PASSWORD_CHANGED, user.toString(), user.toString(), null);
    }

    @Transactional
    void requestReset(String email) {
        String key = keyspace.key("reset", "sent", Users.normalise(email));
        Long sent = redis.opsForValue().increment(key);
        if (sent != null && sent == 1) {
            redis.expire(key, Duration.ofHours(1));
        }
        var user = jdbc.sql("select id from users where lower(email) = ? and status = 'ACTIVE'")
                .param(Users.normalise(email)).query(UUID.class).optional();
        if (user.isEmpty() || sent == null || sent > RESETS_PER_HOUR) {
            return;
        }
        String token = tokens.issue(user.get(), EmailTokens.Purpose.RESET_PASSWORD, clock.instant().plus(RESET_TOKEN_LIFETIME));
        mailer.send(new Mail(email.strip(), "Reset your XAOSTECH password",
                "Choose a new password here: " + settings.resetPasswordLink() + token + "\n\nThe link works once, for "
                        + RESET_TOKEN_LIFETIME.toMinutes() + " minutes. If you did not ask for it, ignore this mail;"
                        + " your password stays as it is."));
    }

    @Transactional
    void reset(String token, String replacement) {
        UUID user = tokens.consume(token, EmailTokens.Purpose.RESET_PASSWORD, clock.instant())
                .orElseThrow(() -> new ProblemException(ProblemType.INVALID_REQUEST,
                        "This reset link is invalid, used or expired; ask for a new one."));
        String email = jdbc.sql("select email from users where id = ?").param(user).query(String.class).single();
        setPassword(user, email, replacement);
        jdbc.sql("update users set email_verified = true where id = ?").param(user).update();
        audit.record(AuditLog.Type.PASSWORD_RESET, user.toString(), user.toString(), null);
    }

    private void setPassword(UUID user, String email, String replacement) {
        policy.problemWith(replacement, email).ifPresent(problem -> {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The request is invalid: newPassword " + problem + ".",
                    Map.of(ProblemType.ERRORS_PROPERTY, List.of(new FieldError("newPassword", problem))));
        });
        jdbc.sql("update users set password_hash = ?, updated_at = ?, version = version + 1 where id = ?")
                .params(passwords.encode(replacement), Timestamp.from(Instant.now(clock)), user).update();
        revocation.revokeAllOf(user);
    }
}
