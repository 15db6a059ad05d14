package io.xaostech.account.signin;

import io.xaostech.platform.crypto.Sha256;
import io.xaostech.platform.redis.Keyspace;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Brute-force and credential-stuffing limits (ASVS 6.1.1, 6.3.1) that cannot be turned against a user: failures
 * count per (account, client IP), so guessing one account from one address locks only that pair, with lockouts
 * doubling from 1 minute up to 1 hour; and per client IP across accounts, so one address spraying many
 * accounts is stopped for 15 minutes. A user signing in from their own address is never locked out by someone
 * else's failures. Counters live in Redis, shared by every instance.
 */
@Component
class LoginThrottle {

    static final int PAIR_FAILURES_BEFORE_LOCK = 5;
    static final int IP_FAILURES_BEFORE_LOCK = 100;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    static final Duration LONGEST_LOCK = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final StringRedisTemplate redis;
    private final Keyspace keyspace;

    LoginThrottle(StringRedisTemplate redis, Keyspace keyspace) {
        this.redis = redis;
        this.keyspace = keyspace;
    }

    boolean isLocked(String email, String ip) {
        return Boolean.TRUE.equals(redis.hasKey(keyspace.key("login", "lock", "pair", account(email), ip)))
                || Boolean.TRUE.equals(redis.hasKey(keyspace.key("login", "lock", "ip", ip)));
    }

    void failed(String email, String ip) {
        long pairFailures = count(keyspace.key("login", "fail", "pair", account(email), ip));
        if (pairFailures >= PAIR_FAILURES_BEFORE_LOCK) {
            long doublings = Math.min(pairFailures - PAIR_FAILURES_BEFORE_LOCK, 6);
            Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
            lock = lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
            redis.opsForValue().set(keyspace.key("login", "lock", "pair", account(email), ip), "1", lock);
            log.warn("Sign-in locked for {} from {} for {} after {} failures", account(email), ip, lock, pairFailures);
        }
        long ipFailures = count(keyspace.key("login", "fail", "ip", ip));
        if (ipFailures >= IP_FAILURES_BEFORE_LOCK) {
            redis.opsForValue().set(keyspace.key("login", "lock", "ip", ip), "1", WINDOW);
            log.warn("Sign-in locked for every account from {} after {} failures", ip, ipFailures);
        }
    }

    void succeeded(String email, String ip) {
        redis.delete(keyspace.key("login", "fail", "pair", account(email), ip));
    }

    private long count(String key) {
        return count(redis, key, WINDOW);
    }

    /** Counts one more event under {@code key} in a fixed window that starts with the first event. */
    static long count(StringRedisTemplate redis, String key, Duration window) {
        Long count = redis.opsForValue().increment(key);
        if (count != null && count == 1) {
            redis.expire(key, window);
        }
        return count == null ? 0 : count;
    }

    /** Accounts appear in Redis keys only as hashes of the normalised email. */
    private static String account(String email) {
        return Sha256.hex(email == null ? "" : email.strip().toLowerCase(Locale.ROOT)).substring(0, 32);
    }
}
