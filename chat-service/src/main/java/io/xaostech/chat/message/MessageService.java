package io.xaostech.chat.message;

import io.xaostech.chat.config.ChatProperties;
import io.xaostech.chat.room.Member;
import io.xaostech.chat.room.RoomRole;
import io.xaostech.chat.room.RoomService;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.redis.FixedWindowLimit;
import io.xaostech.platform.web.ProblemException;
import java.time.Clock;
import java.util.Collection;
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
 * Sending, editing, deleting and reading messages. Each is a numbered room event, stored before the sender is
 * answered or anyone is told ({@link MessageStored} is published after the commit); the same client message id
 * from the same sender is stored once and answered with the stored message.
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
    private final Clock clock;
    private final RecentEvents recent;

    MessageService(Messages messages, RoomService rooms, FixedWindowLimit limit, ChatProperties properties,
                   TransactionTemplate tx, ApplicationEventPublisher events, Clock clock, RecentEvents recent) {
        this.events = events;
        this.recent = recent;
        this.clock = clock;
        this.messages = messages;
        this.rooms = rooms;
        this.limit = limit;
        this.properties = properties;
        this.tx = tx;
    }

    public Sent send(UUID room, UUID sender, String clientMessageId, String body) {
        checkText(body);
        senderMembership(room, sender);
        if (clientMessageId != null) {
            Optional<Message> earlier = repeat(room, sender, clientMessageId);
            if (earlier.isPresent()) {
                return new Sent(earlier.get(), false);
            }
        }
        admit(sender);
        Message stored;
        try {
            stored = tx.execute(status -> stored(messages.insertNext(UUID.randomUUID(), room, sender, MessageKind.MESSAGE,
                    null, clientMessageId, body)));
        } catch (DuplicateKeyException e) {
            // The same client id sent twice at once: the other send stored it.
            return new Sent(repeat(room, sender, clientMessageId).orElseThrow(() -> e), false);
        }
        events.publishEvent(new MessageStored(stored, null));
        return new Sent(stored, true);
    }

    /**
     * Changes the text of one's own message (within {@code xaos.chat.edit-window} of sending it): stored as an
     * {@code EDIT} event with the next number, and the message holds the new text. Answers the event.
     */
    public Message edit(UUID room, UUID editor, UUID messageId, String body) {
        checkText(body);
        senderMembership(room, editor);
        Message target = liveMessage(room, messageId);
        if (!editor.equals(target.senderId())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only its sender edits a message.");
        }
        if (target.createdAt().plus(properties.editWindow()).isBefore(clock.instant())) {
            throw new ProblemException(ProblemType.CONFLICT, "Messages can be edited for " + properties.editWindow()
                    .toMinutes() + " minutes after sending.");
        }
        admit(editor);
        Message[] changed = new Message[2];
        tx.executeWithoutResult(status -> {
            // Checked again under the row's lock: a deletion that committed meanwhile wins.
            if (messages.lock(messageId).map(Message::deleted).orElse(true)) {
                throw new ProblemException(ProblemType.CONFLICT, "The message was deleted.");
            }
            changed[0] = stored(messages.insertNext(UUID.randomUUID(), room, editor, MessageKind.EDIT, messageId, null, body));
            messages.edit(messageId, body);
            changed[1] = messages.find(messageId).orElseThrow();
        });
        events.publishEvent(new MessageStored(changed[0], changed[1]));
        return changed[0];
    }

    /**
     * Deletes a message: its sender may, and so may the room's owners and moderators. Stored as a
     * {@code DELETE} event; the message (and every edit of it) loses its text. Deleting a deleted message
     * changes nothing and answers empty.
     */
    public Optional<Message> delete(UUID room, UUID actor, UUID messageId) {
        Member me = rooms.membership(room, actor);
        Message target = messages.find(messageId).filter(m -> m.roomId().equals(room) && m.kind() == MessageKind.MESSAGE)
                .orElseThrow(() -> noSuchMessage(messageId));
        if (target.deleted()) {
            return Optional.empty();
        }
        if (!actor.equals(target.senderId()) && me.role() == RoomRole.MEMBER) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only owners and moderators delete others' messages.");
        }
        Message[] changed = new Message[2];
        tx.executeWithoutResult(status -> {
            // Checked again under the row's lock: of two deletions (or an edit and a deletion) one goes first.
            if (messages.lock(messageId).map(Message::deleted).orElse(true)) {
                return;
            }
            changed[0] = stored(messages.insertNext(UUID.randomUUID(), room, actor, MessageKind.DELETE, messageId, null, ""));
            messages.delete(messageId);
            changed[1] = messages.find(messageId).orElseThrow();
        });
        if (changed[0] == null) {
            return Optional.empty();
        }
        events.publishEvent(new MessageStored(changed[0], changed[1]));
        return Optional.of(changed[0]);
    }

    /** One message of the room, in its current state. */
    public Message message(UUID room, UUID caller, UUID messageId) {
        rooms.membership(room, caller);
        return messages.find(messageId).filter(m -> m.roomId().equals(room) && m.kind() == MessageKind.MESSAGE)
                .orElseThrow(() -> noSuchMessage(messageId));
    }

    /** Messages before or after a message of the room (by id), or the newest; oldest first. */
    public List<Message> history(UUID room, UUID caller, UUID before, UUID after, int limit) {
        rooms.membership(room, caller);
        if (after != null) {
            return messages.after(room, seqOf(room, after), limit);
        }
        return messages.before(room, before == null ? null : seqOf(room, before), limit);
    }

    /**
     * Events numbered above {@code afterSeq} up to {@code upToSeq} (at most {@code limit} of them), oldest first:
     * from Redis's recent history when it holds the whole run, else from PostgreSQL. No membership check: for
     * the live side, which checked membership when the connection subscribed.
     */
    public List<Message> events(UUID room, long afterSeq, long upToSeq, int limit) {
        long upTo = Math.min(upToSeq, afterSeq + limit);
        return recent.between(room, afterSeq, upTo).orElseGet(() -> messages.events(room, afterSeq, upTo, limit));
    }

    /** The room's newest sequence number. */
    public long lastSeq(UUID room) {
        return messages.lastSeq(room);
    }

    /** The newest sequence number of each of the rooms. */
    public Map<UUID, Long> lastSeqs(Collection<UUID> rooms) {
        return rooms.isEmpty() ? Map.of() : messages.lastSeqs(rooms);
    }

    private void checkText(String body) {
        if (CONTROL.matcher(body).find()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The message contains control characters.");
        }
        if (body.length() > properties.maxMessageLength()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The message is longer than "
                    + properties.maxMessageLength() + " characters.");
        }
    }

    /** The sender's membership, refused when they are muted. */
    private Member senderMembership(UUID room, UUID sender) {
        Member member = rooms.membership(room, sender);
        if (member.mutedUntil() != null && member.mutedUntil().isAfter(clock.instant())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "You are muted in this room until " + member.mutedUntil() + ".");
        }
        return member;
    }

    private void admit(UUID sender) {
        limit.admit("message", sender.toString(), properties.messagesPerWindow(), properties.rateWindow())
                .ifPresent(retryAfter -> {
                    throw new ProblemException(ProblemType.RATE_LIMITED, "You are sending too fast; slow down.",
                            Map.of(ProblemException.RETRY_AFTER_PROPERTY, retryAfter));
                });
    }

    /** The stored event, or a refusal when the sender stopped being allowed to send since the check. */
    private static Message stored(Optional<Message> event) {
        return event.orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                "You may not send to this room (not a member, or muted)."));
    }

    private Message liveMessage(UUID room, UUID messageId) {
        Message target = messages.find(messageId).filter(m -> m.roomId().equals(room) && m.kind() == MessageKind.MESSAGE)
                .orElseThrow(() -> noSuchMessage(messageId));
        if (target.deleted()) {
            throw new ProblemException(ProblemType.CONFLICT, "The message was deleted.");
        }
        return target;
    }

    private static ProblemException noSuchMessage(UUID messageId) {
        return new ProblemException(ProblemType.NOT_FOUND, "No message " + messageId + " in this room.");
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
