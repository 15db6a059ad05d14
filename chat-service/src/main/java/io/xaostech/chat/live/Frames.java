package io.xaostech.chat.live;

import io.xaostech.chat.message.Message;
import java.util.UUID;

/** The JSON frames of the protocol (docs/chat-protocol.md). */
final class Frames {

    private Frames() {
    }

    /** What a client sends; {@code type} says which members matter. */
    record Incoming(String type, UUID room, Long afterSeq, String clientMessageId, String body) {
    }

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

    record Subscribed(String type, UUID room, long lastSeq) {
        static Subscribed of(UUID room, long lastSeq) {
            return new Subscribed("subscribed", room, lastSeq);
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
