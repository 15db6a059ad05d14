package io.xaostech.account.mfa;

import io.xaostech.account.audit.AuditLog;
import io.xaostech.account.config.AccountProperties;
import io.xaostech.account.support.SecretCipher;
import io.xaostech.platform.crypto.Sha256;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's second factor: enrolling an authenticator (the seed is shown once, then must be proven with a code),
 * checking codes at sign-in (each time step works once; one step of clock drift either way is accepted), ten
 * single-use recovery codes, and switching it off again with the password and a code.
 */
@Service
public class Mfa {

    static final int RECOVERY_CODES = 10;
    private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;

    Mfa(JdbcClient jdbc, AccountProperties properties, PasswordEncoder passwords, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = new SecretCipher(properties.keys().encryptionSecret(), "totp-seeds");
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    record Enrollment(String secret, String otpauthUri) {
    }

    record Status(boolean totp, int recoveryCodesLeft) {
    }

    /** Starts (or restarts) enrolment: a fresh seed, not yet in force. */
    @Transactional
    Enrollment start(UUID user) {
        if (isEnabled(user)) {
            throw new ProblemException(ProblemType.CONFLICT, "An authenticator is already set up; turn it off first.");
        }
        String email = jdbc.sql("select email from users where id = ?").param(user).query(String.class).single();
        byte[] seed = Totp.newSeed();
        jdbc.sql("""
                        insert into user_totp (user_id, secret) values (?, ?)
                        on conflict (user_id) do update set secret = excluded.secret, enabled_at = null, last_used_step = 0""")
                .params(user, cipher.encrypt(seed, user.toString())).update();
        String secret = Totp.base32(seed);
        String uri = "otpauth://totp/XAOSTECH:" + URLEncoder.encode(email, StandardCharsets.UTF_8).replace("+", "%20")
                + "?secret=" + secret + "&issuer=XAOSTECH&algorithm=SHA1&digits=6&period=" + Totp.STEP_SECONDS;
        return new Enrollment(secret, uri);
    }

    /** Puts the authenticator in force once the user proves it with a code; answers the new recovery codes. */
    @Transactional
    List<String> confirm(UUID user, String code) {
        boolean pending = jdbc.sql("select enabled_at is null from user_totp where user_id = ? for update")
                .param(user).query(Boolean.class).optional().orElse(false);
        if (!pending || !acceptsTotp(user, code)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The code does not match; check the authenticator's"
                    + " clock and try the current code.");
        }
        jdbc.sql("update user_totp set enabled_at = ? where user_id = ?")
                .params(java.sql.Timestamp.from(clock.instant()), user).update();
        audit.record(AuditLog.Type.MFA_ENABLED, user.toString(), user.toString(), "totp");
        return newRecoveryCodes(user);
    }

    /** Turns the second factor off: the password (if the account has one) and a current code are needed. */
    @Transactional
    void disable(UUID user, String password, String code) {
        String hash = jdbc.sql("select password_hash from users where id = ?").param(user).query(String.class)
                .optional().orElse(null);
        if (hash != null && (password == null || !passwords.matches(password, hash))) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The password is not right.");
        }
        if (!isEnabled(user) || !verify(user, code)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The code does not match.");
        }
        jdbc.sql("delete from user_totp where user_id = ?").param(user).update();
        jdbc.sql("delete from user_recovery_codes where user_id = ?").param(user).update();
        audit.record(AuditLog.Type.MFA_DISABLED, user.toString(), user.toString(), "totp");
    }

    Status status(UUID user) {
        int left = jdbc.sql("select count(*) from user_recovery_codes where user_id = ? and used_at is null")
                .param(user).query(Integer.class).single();
        return new Status(isEnabled(user), left);
    }

    public boolean isEnabled(UUID user) {
        return jdbc.sql("select enabled_at is not null from user_totp where user_id = ?").param(user)
                .query(Boolean.class).optional().orElse(false);
    }

    /** Checks a code at sign-in: a current authenticator code not used before, or an unused recovery code. */
    @Transactional
    public boolean verify(UUID user, String code) {
        if (code == null || code.length() > 32) {
            return false;
        }
        String trimmed = code.strip();
        if (trimmed.matches("\\d{6}")) {
            return acceptsTotp(user, trimmed);
        }
        String normalised = trimmed.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
        return jdbc.sql("update user_recovery_codes set used_at = ? where user_id = ? and code_hash = ? and used_at is null")
                .params(java.sql.Timestamp.from(clock.instant()), user, Sha256.hex(normalised)).update() == 1;
    }

    private boolean acceptsTotp(UUID user, String code) {
        var row = jdbc.sql("select secret, last_used_step from user_totp where user_id = ?").param(user)
                .query((rs, i) -> new Object[] {rs.getString(1), rs.getLong(2)}).optional();
        if (row.isEmpty() || code == null || !code.strip().matches("\\d{6}")) {
            return false;
        }
        byte[] seed = cipher.decrypt((String) row.get()[0], user.toString());
        long lastUsed = (Long) row.get()[1];
        long now = Totp.stepAt(clock.instant().getEpochSecond());
        for (long step = now - 1; step <= now + 1; step++) {
            if (step > lastUsed && Totp.same(Totp.code(seed, step), code.strip())) {
                // Conditional, so two requests racing with the same code cannot both pass.
                return jdbc.sql("update user_totp set last_used_step = ? where user_id = ? and last_used_step < ?")
                        .params(step, user, step).update() == 1;
            }
        }
        return false;
    }

    private List<String> newRecoveryCodes(UUID user) {
        jdbc.sql("delete from user_recovery_codes where user_id = ?").param(user).update();
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
            }
            jdbc.sql("insert into user_recovery_codes (user_id, code_hash) values (?, ?)")
                    .params(user, Sha256.hex(code.toString())).update();
            codes.add(code.substring(0, 5) + "-" + code.substring(5));
        }
        return codes;
    }
}
