package io.xaostech.common.event;

import io.xaostech.common.id.SessionId;
import io.xaostech.common.id.UserId;
import java.time.Instant;

/**
 * An account session ended (signed out, ended from another device, revoked, account deleted): tokens carrying
 * its {@code sid} must stop working, including connections opened with them. Published by account-service on
 * {@link Topics#ACCOUNT}.
 */
public record SessionEnded(UserId userId, SessionId sessionId, Instant endedAt) {

    public static final String TYPE = "SessionEnded";
    public static final int VERSION = 1;
}
