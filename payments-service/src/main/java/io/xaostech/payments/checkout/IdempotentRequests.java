package io.xaostech.payments.checkout;

import io.xaostech.common.http.XaosHeaders;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.payments.config.PaymentsProperties;
import io.xaostech.platform.crypto.Sha256;
import io.xaostech.platform.redis.Keyspace;
import io.xaostech.platform.web.ProblemException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code Idempotency-Key} contract of our POSTs, as Stripe's own: the first answer for a user's key is kept
 * (in Redis, {@code payments:idem:*}) and replayed for the key's lifetime; the same key with other parameters is a
 * 422; a request arriving while the first is still running is a 409 to retry. A failed first attempt is not kept,
 * so the client retries with the same key. The Stripe idempotency key is derived from user and key: after a lost
 * answer (503) the retry asks Stripe with the same one and gets what Stripe may already have made; after Stripe
 * failed (502) — an answer Stripe keeps for that key for a day — the retry uses the next derived key, as the failed
 * request made nothing a client could have used.
 */
@Component
class IdempotentRequests {

    /** Printable ASCII, at most 255 characters (Stripe's own limit). */
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    record Outcome<T>(T value, boolean replayed) {
    }

    private record Entry(String fingerprint, boolean done, String body) {
    }

    private final StringRedisTemplate redis;
    private final Keyspace keys;
    private final JsonMapper json;
    private final Duration ttl;
    private final Duration pendingTtl;

    IdempotentRequests(StringRedisTemplate redis, Keyspace keys, JsonMapper json, PaymentsProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.ttl = properties.checkout().idempotencyTtl();
        PaymentsProperties.Stripe stripe = properties.stripe();
        // Longer than the slowest request (a customer lookup and creation, then the session, each with retries),
        // so a running request is never taken over.
        this.pendingTtl = stripe.connectTimeout().plus(stripe.readTimeout())
                .multipliedBy(3L * (stripe.maxNetworkRetries() + 1L)).plusSeconds(30);
    }

    /**
     * Runs {@code action} once per user and key. {@code fingerprint} names the request's parameters; the action
     * gets the idempotency key to send to Stripe (derived from user and key, or random without a key).
     */
    <T> Outcome<T> once(UUID user, String operation, String key, String fingerprint, Class<T> type,
                        Function<String, T> action) {
        if (key == null) {
            return new Outcome<>(action.apply("xaos-" + operation + "-" + UUID.randomUUID()), false);
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, XaosHeaders.IDEMPOTENCY_KEY
                    + " must be 1 to 255 printable ASCII characters.", Map.of("field", XaosHeaders.IDEMPOTENCY_KEY));
        }
        String hashed = Sha256.hex(user + ":" + operation + ":" + key);
        String redisKey = keys.key("idem", hashed);
        String pending = json.writeValueAsString(new Entry(fingerprint, false, null));
        if (!Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(redisKey, pending, pendingTtl))) {
            return replay(redisKey, fingerprint, type);
        }
        String attemptKey = keys.key("idem-attempt", hashed);
        String failedAtStripe = redis.opsForValue().get(attemptKey);
        T value;
        try {
            value = action.apply("xaos-" + operation + "-" + hashed + (failedAtStripe == null ? "" : "-" + failedAtStripe));
        } catch (RuntimeException e) {
            if (e instanceof ProblemException problem && problem.type() == ProblemType.BAD_GATEWAY) {
                redis.opsForValue().increment(attemptKey);
                redis.expire(attemptKey, ttl);
            }
            redis.delete(redisKey);
            throw e;
        }
        redis.opsForValue().set(redisKey, json.writeValueAsString(
                new Entry(fingerprint, true, json.writeValueAsString(value))), ttl);
        return new Outcome<>(value, false);
    }

    private <T> Outcome<T> replay(String redisKey, String fingerprint, Class<T> type) {
        String stored = redis.opsForValue().get(redisKey);
        if (stored == null) {
            throw inProgress();
        }
        Entry entry = json.readValue(stored, Entry.class);
        if (!entry.fingerprint().equals(fingerprint)) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "This " + XaosHeaders.IDEMPOTENCY_KEY
                    + " was already used with other parameters; use a new key for a new request.",
                    Map.of("field", XaosHeaders.IDEMPOTENCY_KEY));
        }
        if (!entry.done()) {
            throw inProgress();
        }
        return new Outcome<>(json.readValue(entry.body(), type), true);
    }

    private static ProblemException inProgress() {
        return new ProblemException(ProblemType.CONFLICT, "A request with this " + XaosHeaders.IDEMPOTENCY_KEY
                + " is still being handled; retry shortly.", Map.of(ProblemException.RETRY_AFTER_PROPERTY, 1));
    }
}
