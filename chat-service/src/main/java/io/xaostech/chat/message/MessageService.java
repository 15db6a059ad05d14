package io.xaostech.chat.message;

import io.xaostech.chat.config.ChatProperties;
import io.xaostech.chat.room.RoomService;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.redis.FixedWindowLimit;
import io.xaostech.platform.web.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sending and reading messages. A message is stored (with its sequence number) before the sender is answered
 * or anyone is told ({@link MessageStored} is published after the commit); the same client message id from the
 * same sender is stored once and answered with the stored message.
 */
@Service
public class MessageService {

    /** What a client message id may look like. */
    public static final String CLIENT_MESSAGE_ID = "[A-Za-z0-9_-]{1,64}";
    /** Message text: no control characters but tab and line breaks (PostgreSQL refuses NUL anyway). */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

    /** A send's outcome: the stored message, and whether this send stored it (false for a repeat). */
    public record Sent(Message message, boolean created) {
    }

    private final Messages messages;
    private final RoomService rooms;
    private final FixedWindowLimit limit;
    private final ChatProperties properties;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    MessageService(Messages messages, RoomService rooms, FixedWindowLimit limit, ChatProperties properties,
                   TransactionTemplate tx, ApplicationEventPublisher events) {
        this.events = events;
        this.messages = messages;
        this.rooms = rooms;
        this.limit = limit;
        this.properties = properties;
        this.tx = tx;
    }

    public Sent send(UUID room, UUID sender, String clientMessageId, String body) {
        if (CONTROL.matcher(body).find()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The message contains control characters.");
        }
        if (body.length() > properties.maxMessageLength()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The message is longer than "
                    + properties.maxMessageLength() + " characters.");
        }
        rooms.membership(room, sender);
        if (clientMessageId != null) {
            Optional<Message> earlier = repeat(room, sender, clientMessageId);
            if (earlier.isPresent()) {
                return new Sent(earlier.get(), false);
            }
        }
        limit.admit("message", sender.toString(), properties.messagesPerWindow(), properties.rateWindow())
                .ifPresent(retryAfter -> {
                    throw new ProblemException(ProblemType.RATE_LIMITED, "You are sending too fast; slow down.",
                            Map.of(ProblemException.RETRY_AFTER_PROPERTY, retryAfter));
                });
        Message stored;
        try {
            stored = tx.execute(status -> messages.insertNext(UUID.randomUUID(), room, sender, clientMessageId, body));
        } catch (DuplicateKeyException e) {
            // The same client id sent twice at once: the other send stored it.
            return new Sent(repeat(room, sender, clientMessageId).orElseThrow(() -> e), false);
        }
        events.publishEvent(new MessageStored(stored));
        return new Sent(stored, true);
    }

    /** Messages before or after a message of the room (by id), or the newest; oldest first. */
    public List<Message> history(UUID room, UUID caller, UUID before, UUID after, int limit) {
        rooms.membership(room, caller);
        if (after != null) {
            return messages.after(room, seqOf(room, after), limit);
        }
        return messages.before(room, before == null ? null : seqOf(room, before), limit);
    }

    /** Messages after a sequence number, oldest first: what a reconnecting client missed. */
    public List<Message> since(UUID room, UUID caller, long afterSeq, int limit) {
        rooms.membership(room, caller);
        return messages.after(room, afterSeq, limit);
    }

    private Optional<Message> repeat(UUID room, UUID sender, String clientMessageId) {
        Optional<Message> earlier = messages.byClientId(sender, clientMessageId);
        if (earlier.isPresent() && !earlier.get().roomId().equals(room)) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "This client message id was already used for a message in another room.");
        }
        return earlier;
    }

    private long seqOf(UUID room, UUID messageId) {
        return messages.find(messageId).filter(m -> m.roomId().equals(room)).map(Message::seq)
                .orElseThrow(() -> new ProblemException(ProblemType.INVALID_REQUEST,
                        "The cursor names no message of this room."));
    }
}
