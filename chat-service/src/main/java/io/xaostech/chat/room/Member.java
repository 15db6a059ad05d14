package io.xaostech.chat.room;

import java.time.Instant;
import java.util.UUID;

/** One person in one room; {@code mutedUntil}, when in the future, is until when they may not send. */
public record Member(UUID userId, RoomRole role, Instant joinedAt, long lastReadSeq, Instant mutedUntil) {
}
