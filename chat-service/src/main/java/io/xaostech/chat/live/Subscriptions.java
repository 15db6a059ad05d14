package io.xaostech.chat.live;

import io.xaostech.chat.message.Message;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** This instance's subscriptions, by room: where the fan-out delivers. */
@Component
class Subscriptions {

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private final Map<UUID, Set<Subscription>> byRoom = new ConcurrentHashMap<>();

    void add(Subscription subscription) {
        // Inside compute, so a concurrent remove of the room's last subscription cannot drop the new one.
        byRoom.compute(subscription.room(), (room, subs) -> {
            Set<Subscription> set = subs == null ? ConcurrentHashMap.newKeySet() : subs;
            set.add(subscription);
            return set;
        });
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
            for (Subscription subscription : subs) {
                try {
                    subscription.offer(message);
                } catch (RuntimeException e) {
                    // One subscriber's failure (left the room, connection gone) never costs the others the message.
                    log.debug("Delivery to one subscription of room {} failed: {}", message.roomId(), e.toString());
                }
            }
        }
    }
}
