package io.xaostech.account.apikey;

import io.xaostech.common.id.UserId;
import io.xaostech.common.security.ApiKeyScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API keys in the {@code account} schema. */
@Repository
class ApiKeys {

    private static final String COLUMNS =
            "id, user_id, name, prefix, secret_hash, scopes, created_at, expires_at, last_used_at, revoked_at";

    private final JdbcClient jdbc;

    ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ApiKey key) {
        jdbc.sql("insert into api_keys (id, user_id, name, prefix, secret_hash, scopes, created_at, expires_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(key.id(), key.userId().value(), key.name(), key.prefix(), key.secretHash(),
                        key.scopes().stream().map(ApiKeyScope::value).sorted().collect(Collectors.joining(" ")),
                        Timestamp.from(key.createdAt()), key.expiresAt() == null ? null : Timestamp.from(key.expiresAt()))
                .update();
    }

    List<ApiKey> activeOf(UserId user) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where user_id = ? and revoked_at is null order by created_at")
                .param(user.value()).query(ApiKeys::map).list();
    }

    Optional<ApiKey> byPrefix(String prefix) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where prefix = ?").param(prefix).query(ApiKeys::map).optional();
    }

    /** Revokes a key of this user; answers whether there was one to revoke. */
    boolean revoke(UUID id, UserId owner, Instant now) {
        return jdbc.sql("update api_keys set revoked_at = ? where id = ? and user_id = ? and revoked_at is null")
                .params(Timestamp.from(now), id, owner.value()).update() == 1;
    }

    /** Records use, at most once a minute per key, so resolving stays a read in the common case. */
    void touch(UUID id, Instant now) {
        jdbc.sql("update api_keys set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                .params(Timestamp.from(now), id, Timestamp.from(now.minusSeconds(60))).update();
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        Set<ApiKeyScope> scopes = Arrays.stream(rs.getString("scopes").split(" "))
                .map(ApiKeyScope::of).collect(Collectors.toUnmodifiableSet());
        return new ApiKey(rs.getObject("id", UUID.class), new UserId(rs.getObject("user_id", UUID.class)),
                rs.getString("name"), rs.getString("prefix"), rs.getString("secret_hash"), scopes,
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "last_used_at"),
                instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
