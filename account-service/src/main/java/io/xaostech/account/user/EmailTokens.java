package io.xaostech.account.user;

import java.security.SecureRandom;
import io.xaostech.platform.crypto.Sha256;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Single-use mailed tokens, stored only as hashes. */
@Repository
class EmailTokens {

    enum Purpose { VERIFY_EMAIL, RESET_PASSWORD }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    EmailTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Issues a token and answers its value (to mail, never to store). */
    String issue(UUID userId, Purpose purpose, Instant expiresAt) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        jdbc.sql("insert into email_tokens (token_hash, user_id, purpose, expires_at) values (?, ?, ?, ?)")
                .params(hash(token), userId, purpose.name(), Timestamp.from(expiresAt)).update();
        return token;
    }

    /** Uses a token once: the user it was for, if it is valid, unused and unexpired. */
    Optional<UUID> consume(String token, Purpose purpose, Instant now) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        update email_tokens set used_at = ?
                        where token_hash = ? and purpose = ? and used_at is null and expires_at > ?
                        returning user_id""")
                .params(Timestamp.from(now), hash(token), purpose.name(), Timestamp.from(now))
                .query(UUID.class).optional();
    }

    private static String hash(String token) {
        return Sha256.hex(token);
    }
}
