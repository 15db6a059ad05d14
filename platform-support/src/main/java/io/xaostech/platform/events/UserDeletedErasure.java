package io.xaostech.platform.events;

import io.xaostech.common.event.EventEnvelope;
import io.xaostech.common.event.Topics;
import io.xaostech.common.event.UserDeleted;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases a deleted account's data in the service that declares it (as a bean), on account's {@code UserDeleted}
 * event. The service's erasure must be idempotent: a redelivered event runs it again.
 */
public final class UserDeletedErasure implements EventHandler<UserDeleted> {

    private static final Logger log = LoggerFactory.getLogger(UserDeletedErasure.class);

    private final Function<UUID, ?> erase;

    /** @param erase erases one person's data; what it answers is logged */
    public UserDeletedErasure(Function<UUID, ?> erase) {
        this.erase = erase;
    }

    @Override
    public String topic() {
        return Topics.ACCOUNT;
    }

    @Override
    public String type() {
        return UserDeleted.TYPE;
    }

    @Override
    public Class<UserDeleted> payloadType() {
        return UserDeleted.class;
    }

    @Override
    public void handle(EventEnvelope<UserDeleted> event) {
        Object outcome = erase.apply(event.payload().userId().value());
        log.info("Erased user {} after account deletion (event {}): {}", event.payload().userId(), event.id(), outcome);
    }
}
