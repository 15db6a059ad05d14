package io.xaostech.chat.room;

import java.time.Instant;
import java.util.UUID;

/** A room as stored and as the API shows it; {@code lastSeq} is the sequence number of its newest message. */
public record Room(UUID id, RoomKind kind, String name, String topic, UUID createdBy, Instant createdAt, long lastSeq) {
}
