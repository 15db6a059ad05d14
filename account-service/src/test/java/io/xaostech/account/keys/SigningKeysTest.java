package io.xaostech.account.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import io.xaostech.account.config.AccountProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SigningKeysTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountProperties properties;

    @Autowired
    SigningKeys live;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void signingKeySurvivesARestart() throws Exception {
        RSAKey before = live.current();

        SigningKeys restarted = new SigningKeys(jdbc, properties, Clock.systemUTC());
        restarted.rotate();

        assertThat(restarted.current().getKeyID()).isEqualTo(before.getKeyID());
        assertThat(restarted.current().toRSAPrivateKey()).isEqualTo(before.toRSAPrivateKey());
    }

    @Test
    void storedPrivateKeysAreEncrypted() throws Exception {
        String stored = jdbc.sql("select private_key from signing_keys where kid = ?")
                .param(live.current().getKeyID()).query(String.class).single();
        String plainBase64 = java.util.Base64.getEncoder().encodeToString(live.current().toRSAPrivateKey().getEncoded());

        assertThat(stored).isNotEqualTo(plainBase64).doesNotContain(plainBase64.substring(0, 40));
    }

    @Test
    void nextKeyIsPublishedBeforeUseAndOldKeyStaysUntilItsTokensExpire() {
        AccountProperties.Keys settings = properties.keys();
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            tx.setRollbackOnly();
            jdbc.sql("delete from signing_keys").update();
            MutableClock clock = new MutableClock(Instant.now());
            SigningKeys keys = new SigningKeys(jdbc, properties, clock);
            keys.rotate();
            String first = keys.current().getKeyID();

            clock.advance(settings.signingPeriod().minus(settings.prepublishPeriod()).plusHours(1));
            keys.rotate();
            assertThat(keys.current().getKeyID()).as("still signing with the first key").isEqualTo(first);
            assertThat(keys.published()).extracting(RSAKey::getKeyID).hasSize(2).contains(first);
            String next = keys.published().stream().map(RSAKey::getKeyID).filter(k -> !k.equals(first))
                    .findFirst().orElseThrow();

            clock.advance(settings.prepublishPeriod().minusHours(1).plusMinutes(1));
            keys.rotate();
            assertThat(keys.current().getKeyID()).as("the next key took over").isEqualTo(next);
            assertThat(keys.published()).extracting(RSAKey::getKeyID).contains(first, next);

            clock.advance(properties.accessTokenLifetime().plus(Duration.ofMinutes(6)));
            keys.rotate();
            assertThat(keys.published()).extracting(RSAKey::getKeyID).doesNotContain(first).contains(next);
        });
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
