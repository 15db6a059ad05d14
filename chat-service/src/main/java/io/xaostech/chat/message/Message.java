package io.xaostech.chat.message;

import java.time.Instant;
import java.util.UUID;

/**
 * A message as stored and sent: {@code seq} orders a room's messages without gaps in what a reader sees, and
 * {@code clientMessageId} is the sender's own id for it (sending it again stores nothing new). The body is plain
 * text: clients show it as text, never as markup.
 */
public record Message(UUID id, UUID roomId, long seq, UUID senderId, String clientMessageId, String body,
                      Instant createdAt, Instant editedAt, boolean deleted) {
}
