package io.xaostech.common.event;

import io.xaostech.common.id.UserId;
import java.time.Instant;

/**
 * A user deleted their account (or an administrator did): every service erases or anonymises what it holds
 * about them. Published by account-service on {@link Topics#ACCOUNT}.
 */
public record UserDeleted(UserId userId, Instant deletedAt) {

    public static final String TYPE = "UserDeleted";
    public static final int VERSION = 1;
}
