package io.xaostech.chat.room;

import java.util.UUID;

/**
 * Someone stopped being a member of a room (left, removed or banned) once the room's events up to
 * {@code lastSeq} were numbered: their live subscriptions deliver up to that event and end. Published inside
 * the transaction, acted on after it commits.
 */
public record MemberRemoved(UUID roomId, UUID userId, long lastSeq, String reason) {
}
