package io.xaostech.account.user;

import io.xaostech.common.id.UserId;
import io.xaostech.platform.jdbc.Timestamps;
import io.xaostech.platform.privacy.PersonalDataHooks;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's account data for data-service's privacy requests: the export holds their profile, roles, linked
 * sign-in identities, sign-in sessions, the applications they allowed and their API keys (never a secret or a
 * hash); erasure is the account's deletion ({@link AccountDeletion#erase}), the same as deleting it oneself.
 */
@Service
class AccountPersonalData implements PersonalDataHooks {

    record Profile(String email, boolean emailVerified, String displayName, String status, Instant createdAt,
                   Instant updatedAt) {
    }

    record Identity(String provider, String subject, Instant linkedAt) {
    }

    record Session(UUID sid, String device, String clientIp, Instant createdAt, Instant endedAt) {
    }

    record ApiKey(String name, String prefix, String scopes, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                  Instant revokedAt) {
    }

    record Export(UUID userId, Profile profile, List<String> roles, boolean secondFactor, List<Identity> identities,
                  List<Session> sessions, List<String> allowedApplications, List<ApiKey> apiKeys) {
    }

    record Erasure(UUID userId, boolean deleted, String rule) {
    }

    private final JdbcClient jdbc;
    private final AccountDeletion deletion;

    AccountPersonalData(JdbcClient jdbc, AccountDeletion deletion) {
        this.jdbc = jdbc;
        this.deletion = deletion;
    }

    @Override
    @Transactional(readOnly = true)
    public Export export(UUID user) {
        Profile profile = jdbc.sql("select email, email_verified, display_name, status, created_at, updated_at "
                        + "from users where id = ?").param(user)
                .query((rs, i) -> new Profile(rs.getString("email"), rs.getBoolean("email_verified"),
                        rs.getString("display_name"), rs.getString("status"), Timestamps.instant(rs, "created_at"),
                        Timestamps.instant(rs, "updated_at"))).optional().orElse(null);
        return new Export(user, profile,
                jdbc.sql("select role from user_roles where user_id = ? order by role").param(user).query(String.class).list(),
                jdbc.sql("select count(*) from user_totp where user_id = ? and enabled_at is not null").param(user)
                        .query(Integer.class).single() > 0,
                jdbc.sql("select provider, subject, linked_at from user_identities where user_id = ? order by linked_at")
                        .param(user).query((rs, i) -> new Identity(rs.getString("provider"), rs.getString("subject"),
                                Timestamps.instant(rs, "linked_at"))).list(),
                jdbc.sql("select sid, device, client_ip, created_at, ended_at from user_sessions where user_id = ? "
                                + "order by created_at").param(user)
                        .query((rs, i) -> new Session(rs.getObject("sid", UUID.class), rs.getString("device"),
                                rs.getString("client_ip"), Timestamps.instant(rs, "created_at"), Timestamps.instant(rs, "ended_at"))).list(),
                jdbc.sql("select registered_client_id from oauth2_authorization_consent where principal_name = ? "
                        + "order by registered_client_id").param(user.toString()).query(String.class).list(),
                jdbc.sql("select name, prefix, scopes, created_at, expires_at, last_used_at, revoked_at from api_keys "
                                + "where user_id = ? order by created_at").param(user)
                        .query((rs, i) -> new ApiKey(rs.getString("name"), rs.getString("prefix"), rs.getString("scopes"),
                                Timestamps.instant(rs, "created_at"), Timestamps.instant(rs, "expires_at"), Timestamps.instant(rs, "last_used_at"),
                                Timestamps.instant(rs, "revoked_at"))).list());
    }

    @Override
    public Erasure erase(UUID user) {
        return new Erasure(user, deletion.erase(UserId.of(user.toString()), "privacy-request"),
                "the account row stays anonymised (ids in audit and billing records still resolve); identities, "
                        + "second factor, API keys, allowed applications, roles and tokens are gone, sessions ended "
                        + "without their devices and addresses; the other services are told (UserDeleted)");
    }

}
