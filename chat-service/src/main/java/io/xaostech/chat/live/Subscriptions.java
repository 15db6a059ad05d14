package io.xaostech.chat.live;

import io.xaostech.chat.message.Message;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** This instance's subscriptions, by room: where the fan-out delivers. */
@Component
class Subscriptions {

    private final Map<UUID, Set<Subscription>> byRoom = new ConcurrentHashMap<>();

    void add(Subscription subscription) {
        byRoom.computeIfAbsent(subscription.room(), room -> ConcurrentHashMap.newKeySet()).add(subscription);
    }

    void remove(Subscription subscription) {
        byRoom.computeIfPresent(subscription.room(), (room, subs) -> {
            subs.remove(subscription);
            return subs.isEmpty() ? null : subs;
        });
    }

    void deliver(Message message) {
        Set<Subscription> subs = byRoom.get(message.roomId());
        if (subs != null) {
            subs.forEach(subscription -> subscription.offer(message));
        }
    }

    int count() {
        return byRoom.values().stream().mapToInt(Set::size).sum();
    }
}
