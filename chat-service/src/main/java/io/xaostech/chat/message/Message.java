package io.xaostech.chat.message;

import java.time.Instant;
import java.util.UUID;

/**
 * A numbered event of a room as stored and sent: a message, or (with {@code targetId}) an edit or deletion of
 * one. {@code seq} orders a room's events without gaps; {@code clientMessageId} is the sender's own id for a
 * message (sending it again stores nothing new). A message read from history holds its current state (edited
 * text, or blank and {@code deleted}). The body is plain text: clients show it as text, never as markup.
 */
public record Message(UUID id, UUID roomId, long seq, MessageKind kind, UUID targetId, UUID senderId,
                      String clientMessageId, String body, Instant createdAt, Instant editedAt, boolean deleted) {
}
