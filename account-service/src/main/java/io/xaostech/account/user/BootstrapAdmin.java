package io.xaostech.account.user;

import io.xaostech.account.config.AccountProperties;
import io.xaostech.common.security.Role;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first administrator, from configuration: when no administrator exists and
 * {@code xaos.account.users.bootstrap-admin-email} is set, that user is created (verified, with the configured
 * password) or, if it exists, promoted. Does nothing once an administrator exists.
 */
@Component
class BootstrapAdmin implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final Users users;
    private final PasswordEncoder passwords;
    private final AccountProperties.Users settings;
    private final TransactionTemplate transaction;
    private final Clock clock;

    BootstrapAdmin(Users users, PasswordEncoder passwords, AccountProperties properties,
                   TransactionTemplate transaction, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.settings = properties.users();
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String email = settings.bootstrapAdminEmail();
        if (email == null || email.isBlank()) {
            return;
        }
        transaction.executeWithoutResult(tx -> {
            if (users.anyWithRole(Role.ADMIN)) {
                return;
            }
            UUID id = users.idByEmail(email).orElseGet(() -> {
                String password = settings.bootstrapAdminPassword();
                if (password == null || password.length() < PasswordPolicy.MIN_LENGTH) {
                    throw new IllegalStateException("xaos.account.users.bootstrap-admin-password must be set (at least "
                            + PasswordPolicy.MIN_LENGTH + " characters) to create the first administrator");
                }
                UUID created = UUID.randomUUID();
                users.insert(created, email, "Administrator", passwords.encode(password), true, clock.instant());
                return created;
            });
            users.grant(id, Role.ADMIN);
            log.info("Bootstrap administrator is {}", email);
        });
    }
}
