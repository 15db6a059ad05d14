package io.xaostech.chat.room;

import java.time.Instant;
import java.util.UUID;

/** Someone kept out of a room until the ban is lifted. */
public record Ban(UUID userId, UUID bannedBy, Instant bannedAt) {
}
