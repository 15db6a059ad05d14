package io.xaostech.blog.privacy;

import io.xaostech.common.event.EventEnvelope;
import io.xaostech.common.event.Topics;
import io.xaostech.common.event.UserDeleted;
import io.xaostech.platform.events.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** A deleted account is erased here too; erasing is idempotent, so a redelivered event is harmless. */
@Component
class UserDeletedHandler implements EventHandler<UserDeleted> {

    private static final Logger log = LoggerFactory.getLogger(UserDeletedHandler.class);

    private final PersonalData data;

    UserDeletedHandler(PersonalData data) {
        this.data = data;
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
        PersonalData.Erasure erasure = data.erase(event.payload().userId().value());
        log.info("Erased user {} after account deletion (event {}): {}", erasure.userId(), event.id(), erasure);
    }
}
