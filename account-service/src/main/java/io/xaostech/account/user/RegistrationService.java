package io.xaostech.account.user;

import io.xaostech.account.audit.AuditLog;
import io.xaostech.account.config.AccountProperties;
import io.xaostech.account.mail.Mail;
import io.xaostech.account.mail.Mailer;
import io.xaostech.common.problem.FieldError;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-up and email verification. The answer to a registration never says whether the address was known: a
 * new address gets a verification mail, a known one a "you already have an account" mail, and both paths hash
 * a password so they take about as long.
 */
@Service
class RegistrationService {

    private final Users users;
    private final EmailTokens tokens;
    private final PasswordPolicy policy;
    private final PasswordEncoder passwords;
    private final Mailer mailer;
    private final AccountProperties.Users settings;
    private final AuditLog audit;
    private final Clock clock;

    RegistrationService(Users users, EmailTokens tokens, PasswordPolicy policy, PasswordEncoder passwords,
                        Mailer mailer, AccountProperties properties, AuditLog audit, Clock clock) {
        this.audit = audit;
        this.users = users;
        this.tokens = tokens;
        this.policy = policy;
        this.passwords = passwords;
        this.mailer = mailer;
        this.settings = properties.users();
        this.clock = clock;
    }

    @Transactional
    void register(String email, String displayName, String password) {
        policy.problemWith(password, email).ifPresent(problem -> {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The request is invalid: password " + problem + ".",
                    Map.of(ProblemType.ERRORS_PROPERTY, List.of(new FieldError("password", problem))));
        });
        String hash = passwords.encode(password);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        if (users.insert(id, email, displayName, hash, !settings.requireVerifiedEmail(), now)) {
            audit.record(AuditLog.Type.USER_REGISTERED, id.toString(), id.toString(), null);
            if (settings.requireVerifiedEmail()) {
                String token = tokens.issue(id, EmailTokens.Purpose.VERIFY_EMAIL, now.plus(settings.verificationTokenLifetime()));
                mailer.send(new Mail(email.strip(), "Confirm your XAOSTECH account",
                        "Confirm your address to finish signing up: " + settings.verifyEmailLink() + token
                                + "\n\nThe link works once, for " + settings.verificationTokenLifetime().toHours()
                                + " hours. If you did not sign up, ignore this mail."));
            }
        } else {
            mailer.send(new Mail(email.strip(), "Your XAOSTECH account",
                    "Someone tried to sign up with this address, which already has an account. If it was you, sign in"
                            + " or reset your password. If not, you can ignore this mail."));
        }
    }

    @Transactional
    void verifyEmail(String token) {
        Instant now = clock.instant();
        UUID user = tokens.consume(token, EmailTokens.Purpose.VERIFY_EMAIL, now)
                .orElseThrow(() -> new ProblemException(ProblemType.INVALID_REQUEST,
                        "This verification link is invalid, used or expired; sign up again to get a new one."));
        users.markEmailVerified(user, now);
        audit.record(AuditLog.Type.EMAIL_VERIFIED, user.toString(), user.toString(), null);
    }
}
