package io.xaostech.chat.live;

import io.xaostech.chat.message.Message;
import java.util.UUID;

/** The JSON frames of the protocol (docs/chat-protocol.md). */
final class Frames {

    private Frames() {
    }

    /** What a client sends; {@code type} says which members matter. */
    record Incoming(String type, UUID room, Long afterSeq, String clientMessageId, String body, UUID messageId,
                    Long seq) {
    }

    /** A numbered room event: a message, an edit or a deletion ({@code message.kind}). */
    record MessageFrame(String type, UUID room, Message message) {
        static MessageFrame of(Message message) {
            return new MessageFrame("message", message.roomId(), message);
        }
    }

    record Ack(String type, String clientMessageId, Message message) {
        static Ack of(String clientMessageId, Message message) {
            return new Ack("ack", clientMessageId, message);
        }
    }

    /**
     * The subscription holds: live events follow {@code lastSeq}. {@code recovered} is false when the client was
     * too far behind to replay (it pages the history over REST).
     */
    record Subscribed(String type, UUID room, long lastSeq, boolean recovered) {
        static Subscribed of(UUID room, long lastSeq, boolean recovered) {
            return new Subscribed("subscribed", room, lastSeq, recovered);
        }
    }

    /** The subscription ended: {@code left}, {@code removed}, {@code banned}, {@code too-far-behind}, {@code resubscribe}. */
    record Unsubscribed(String type, UUID room, String reason) {
        static Unsubscribed of(UUID room, String reason) {
            return new Unsubscribed("unsubscribed", room, reason);
        }
    }

    /** Someone in the room is typing (not numbered, not stored; show it for a few seconds). */
    record Typing(String type, UUID room, UUID user) {
        static Typing of(UUID room, UUID user) {
            return new Typing("typing", room, user);
        }
    }

    record Error(String type, String code, String detail, String clientMessageId) {
        static Error of(String code, String detail, String clientMessageId) {
            return new Error("error", code, detail, clientMessageId);
        }
    }

    record Pong(String type) {
        static final Pong INSTANCE = new Pong("pong");
    }
}
