package io.xaostech.chat.message;

/** A message was stored (its transaction committed): time to tell the room. */
public record MessageStored(Message message) {
}
