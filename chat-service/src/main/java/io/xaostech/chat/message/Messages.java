package io.xaostech.chat.message;

import static io.xaostech.platform.jdbc.Timestamps.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code messages} table (a room's numbered events) and the rooms' sequence counters. */
@Repository
class Messages {

    private static final String COLUMNS = "id, room_id, seq, kind, target_id, sender_id, client_msg_id, body, created_at, "
            + "edited_at, deleted_at";

    private final JdbcClient jdbc;

    Messages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the room's next sequence number and stores the event under it, in the caller's transaction, if the
     * sender is (still) a member and not muted: the counter's row lock orders concurrent senders, so numbers are
     * handed out in commit order without gaps. Empty when the sender may not send (any more).
     */
    Optional<Message> insertNext(UUID id, UUID room, UUID sender, MessageKind kind, UUID target, String clientMessageId,
                                 String body) {
        Optional<Long> seq = jdbc.sql("update rooms set last_seq = last_seq + 1 where id = :room and exists ("
                        + "select 1 from room_members m where m.room_id = :room and m.user_id = :sender "
                        + "and (m.muted_until is null or m.muted_until <= now())) returning last_seq")
                .param("room", room).param("sender", sender).query(Long.class).optional();
        if (seq.isEmpty()) {
            return Optional.empty();
        }
        jdbc.sql("insert into messages (id, room_id, seq, kind, target_id, sender_id, client_msg_id, body) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, room, seq.get(), kind.name(), target, sender, clientMessageId, body).update();
        return find(id);
    }

    /** Gives a message its edited text. */
    void edit(UUID id, String body) {
        jdbc.sql("update messages set body = ?, edited_at = now() where id = ?").params(body, id).update();
    }

    /** Deletes a message's text, and the text of every edit of it: nothing of it can be replayed any more. */
    void delete(UUID id) {
        jdbc.sql("update messages set body = '', deleted_at = coalesce(deleted_at, now()) where id = ?").param(id).update();
        jdbc.sql("update messages set body = '' where target_id = ? and kind = 'EDIT'").param(id).update();
    }

    /** The message, its row locked until the transaction ends (an edit and a deletion of it take turns). */
    Optional<Message> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from messages where id = ? for update").param(id).query(Messages::message)
                .optional();
    }

    Optional<Message> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from messages where id = ?").param(id).query(Messages::message).optional();
    }

    Optional<Message> byClientId(UUID sender, String clientMessageId) {
        return jdbc.sql("select " + COLUMNS + " from messages where sender_id = ? and client_msg_id = ?")
                .params(sender, clientMessageId).query(Messages::message).optional();
    }

    /** Every event (messages, edits, deletions) numbered above {@code afterSeq} and up to {@code upToSeq}, oldest first. */
    List<Message> events(UUID room, long afterSeq, long upToSeq, int limit) {
        return jdbc.sql("select " + COLUMNS + " from messages where room_id = ? and seq > ? and seq <= ? order by seq limit ?")
                .params(room, afterSeq, upToSeq, limit).query(Messages::message).list();
    }

    /** The room's newest sequence number. */
    long lastSeq(UUID room) {
        return jdbc.sql("select last_seq from rooms where id = ?").param(room).query(Long.class).optional().orElse(0L);
    }

    /** The newest sequence number of each of the rooms (rooms that are gone are left out). */
    Map<UUID, Long> lastSeqs(Collection<UUID> rooms) {
        Map<UUID, Long> found = new HashMap<>();
        jdbc.sql("select id, last_seq from rooms where id = any(?)").param(rooms.toArray(UUID[]::new))
                .query(rs -> {
                    found.put(rs.getObject("id", UUID.class), rs.getLong("last_seq"));
                });
        return found;
    }

    /** Messages (in their current state) with {@code seq} above {@code afterSeq}, oldest first. */
    List<Message> after(UUID room, long afterSeq, int limit) {
        return jdbc.sql("select " + COLUMNS + " from messages where room_id = ? and kind = 'MESSAGE' and seq > ? "
                        + "order by seq limit ?")
                .params(room, afterSeq, limit).query(Messages::message).list();
    }

    /** The newest messages below {@code beforeSeq} (all if null), answered oldest first. */
    List<Message> before(UUID room, Long beforeSeq, int limit) {
        List<Message> page = new ArrayList<>(jdbc.sql("select " + COLUMNS + " from messages where room_id = ? "
                        + "and kind = 'MESSAGE' and seq < ? order by seq desc limit ?")
                .params(room, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, limit).query(Messages::message).list());
        Collections.reverse(page);
        return page;
    }

    private static Message message(ResultSet rs, int row) throws SQLException {
        return new Message(rs.getObject("id", UUID.class), rs.getObject("room_id", UUID.class), rs.getLong("seq"),
                MessageKind.valueOf(rs.getString("kind")), rs.getObject("target_id", UUID.class),
                rs.getObject("sender_id", UUID.class), rs.getString("client_msg_id"), rs.getString("body"),
                instant(rs, "created_at"), instant(rs, "edited_at"), rs.getObject("deleted_at") != null);
    }
}
