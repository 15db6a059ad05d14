package io.xaostech.chat.presence;

import io.xaostech.chat.config.ChatProperties;
import io.xaostech.platform.redis.Keyspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Presence in Redis ({@code chat:presence:<user>}): a key that lives {@link #TTL} and is refreshed by any of
 * the user's connections while it is active (clients ping every 25 s), so "online" means "had a live
 * connection within the last minute", on any instance. Nothing is kept when presence is switched off.
 */
@Component
public class Presence {

    private static final Logger log = LoggerFactory.getLogger(Presence.class);
    /** How long one refresh keeps someone online. */
    public static final Duration TTL = Duration.ofSeconds(60);
    /** How often a connection refreshes at most. */
    public static final Duration REFRESH_EVERY = Duration.ofSeconds(20);

    private final StringRedisTemplate redis;
    private final Keyspace keys;
    private final boolean enabled;

    Presence(StringRedisTemplate redis, Keyspace keys, ChatProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.enabled = properties.presence();
    }

    public boolean enabled() {
        return enabled;
    }

    /** The user has an active connection. */
    public void refresh(UUID user) {
        if (!enabled) {
            return;
        }
        try {
            redis.opsForValue().set(key(user), "1", TTL);
        } catch (RuntimeException e) {
            log.debug("Presence of {} not refreshed: {}", user, e.toString());
        }
    }

    /** Which of these users are online (none when presence is off). */
    public Set<UUID> online(List<UUID> users) {
        if (!enabled || users.isEmpty()) {
            return Set.of();
        }
        List<String> found = redis.opsForValue().multiGet(users.stream().map(this::key).toList());
        List<UUID> online = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            if (found != null && found.get(i) != null) {
                online.add(users.get(i));
            }
        }
        return Set.copyOf(online);
    }

    private String key(UUID user) {
        return keys.key("presence", user.toString());
    }
}
