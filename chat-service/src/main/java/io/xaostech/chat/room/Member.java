package io.xaostech.chat.room;

import java.time.Instant;
import java.util.UUID;

/** One person in one room. */
public record Member(UUID userId, RoomRole role, Instant joinedAt, long lastReadSeq) {
}
