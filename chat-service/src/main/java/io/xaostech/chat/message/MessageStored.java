package io.xaostech.chat.message;

/**
 * A room event was stored (its transaction committed): time to tell the room. For an edit or deletion,
 * {@code target} is the message it changed, in its new state; otherwise null.
 */
public record MessageStored(Message message, Message target) {
}
