package io.xaostech.account.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.xaostech.account.config.AccountProperties;
import io.xaostech.account.support.SecretCipher;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signing keys of the issuer, persisted so tokens stay valid across restarts and instances. Rotation: each
 * key signs for {@code signingPeriod}; its successor is created {@code prepublishPeriod} earlier so resource
 * servers see it in the JWKS before the first token it signs; a retired key stays published until every token
 * it signed has expired. Safe with several instances: changes run under a transaction-scoped advisory lock.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final long LOCK_ID = 0x5841_4f53_4b45_5953L;
    /** Allowance for clock skew and ID tokens, which live as long as access tokens here. */
    private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final AccountProperties.Keys settings;
    private final Duration tokenLifetime;
    private final Clock clock;
    private volatile List<SigningKey> cached = List.of();

    SigningKeys(JdbcClient jdbc, AccountProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = new SecretCipher(properties.keys().encryptionSecret(), "signing-keys");
        this.settings = properties.keys();
        this.tokenLifetime = properties.accessTokenLifetime();
        this.clock = clock;
    }

    /** The key that signs now. */
    public RSAKey current() {
        Instant now = clock.instant();
        return cached.stream()
                .filter(k -> k.signsAt(now))
                .max(Comparator.comparing(SigningKey::activatesAt))
                .map(SigningKey::jwk)
                .orElseThrow(() -> new IllegalStateException("No signing key is active; rotation has not run"));
    }

    /** Every key resource servers must know now, public parts only: the current, the next and the retired. */
    public List<RSAKey> published() {
        Instant now = clock.instant();
        return cached.stream().filter(k -> k.publishedAt(now)).map(k -> k.jwk().toPublicJWK()).toList();
    }

    /** Creates the current and next keys where missing, then reloads. Idempotent; run at start and on a schedule. */
    @Transactional
    public void rotate() {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK_ID).query().singleValue();
        Instant now = clock.instant();
        List<SigningKey> keys = load();
        Optional<SigningKey> latest = keys.stream().max(Comparator.comparing(SigningKey::retiresAt));
        if (latest.isEmpty() || !latest.get().retiresAt().isAfter(now)) {
            insert(now);
        } else if (!latest.get().retiresAt().isAfter(now.plus(settings.prepublishPeriod()))) {
            insert(latest.get().retiresAt());
        }
        jdbc.sql("delete from signing_keys where expires_at < ?").param(Timestamp.from(now)).update();
        cached = load();
    }

    private void insert(Instant activation) {
        // Whole seconds: PostgreSQL rounds to microseconds, which could put a key's start after "now".
        Instant activatesAt = activation.truncatedTo(ChronoUnit.SECONDS);
        Instant retiresAt = activatesAt.plus(settings.signingPeriod());
        Instant expiresAt = retiresAt.plus(tokenLifetime).plus(EXPIRY_MARGIN);
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            jdbc.sql("""
                    insert into signing_keys (kid, algorithm, public_jwk, private_key, activates_at, retires_at, expires_at)
                    values (:kid, :alg, :public, :private, :activates, :retires, :expires)""")
                    .param("kid", key.getKeyID())
                    .param("alg", JWSAlgorithm.RS256.getName())
                    .param("public", key.toPublicJWK().toJSONString())
                    .param("private", cipher.encrypt(key.toRSAPrivateKey().getEncoded(), key.getKeyID()))
                    .param("activates", Timestamp.from(activatesAt))
                    .param("retires", Timestamp.from(retiresAt))
                    .param("expires", Timestamp.from(expiresAt))
                    .update();
            log.info("Created signing key {} active from {} to {}", key.getKeyID(), activatesAt, retiresAt);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a signing key", e);
        }
    }

    private List<SigningKey> load() {
        return jdbc.sql("select kid, public_jwk, private_key, activates_at, retires_at, expires_at from signing_keys")
                .query((rs, i) -> {
                    String kid = rs.getString("kid");
                    try {
                        RSAKey publicKey = RSAKey.parse(rs.getString("public_jwk"));
                        byte[] pkcs8 = cipher.decrypt(rs.getString("private_key"), kid);
                        var privateKey = java.security.KeyFactory.getInstance("RSA")
                                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8));
                        RSAKey full = new RSAKey.Builder(publicKey).privateKey(privateKey).build();
                        return new SigningKey(full, rs.getTimestamp("activates_at").toInstant(),
                                rs.getTimestamp("retires_at").toInstant(), rs.getTimestamp("expires_at").toInstant());
                    } catch (ParseException | java.security.GeneralSecurityException e) {
                        throw new IllegalStateException("Stored signing key " + kid + " is unreadable", e);
                    }
                })
                .list();
    }
}
