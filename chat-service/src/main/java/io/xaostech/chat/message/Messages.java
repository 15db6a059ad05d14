package io.xaostech.chat.message;

import static io.xaostech.platform.jdbc.Timestamps.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code messages} table and the rooms' sequence counters. */
@Repository
class Messages {

    private static final String COLUMNS = "id, room_id, seq, sender_id, client_msg_id, body, created_at, edited_at, deleted_at";

    private final JdbcClient jdbc;

    Messages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the room's next sequence number and stores the message under it, in the caller's transaction: the
     * counter's row lock orders concurrent senders, so numbers are handed out in commit order without gaps.
     */
    Message insertNext(UUID id, UUID room, UUID sender, String clientMessageId, String body) {
        long seq = jdbc.sql("update rooms set last_seq = last_seq + 1 where id = ? returning last_seq").param(room)
                .query(Long.class).single();
        jdbc.sql("insert into messages (id, room_id, seq, sender_id, client_msg_id, body) values (?, ?, ?, ?, ?, ?)")
                .params(id, room, seq, sender, clientMessageId, body).update();
        return find(id).orElseThrow();
    }

    Optional<Message> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from messages where id = ?").param(id).query(Messages::message).optional();
    }

    Optional<Message> byClientId(UUID sender, String clientMessageId) {
        return jdbc.sql("select " + COLUMNS + " from messages where sender_id = ? and client_msg_id = ?")
                .params(sender, clientMessageId).query(Messages::message).optional();
    }

    /** Messages with {@code seq} above {@code afterSeq}, oldest first. */
    List<Message> after(UUID room, long afterSeq, int limit) {
        return jdbc.sql("select " + COLUMNS + " from messages where room_id = ? and seq > ? order by seq limit ?")
                .params(room, afterSeq, limit).query(Messages::message).list();
    }

    /** The newest messages below {@code beforeSeq} (all if null), answered oldest first. */
    List<Message> before(UUID room, Long beforeSeq, int limit) {
        List<Message> page = new ArrayList<>(jdbc.sql("select " + COLUMNS + " from messages where room_id = ? and seq < ? "
                        + "order by seq desc limit ?")
                .params(room, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, limit).query(Messages::message).list());
        Collections.reverse(page);
        return page;
    }

    private static Message message(ResultSet rs, int row) throws SQLException {
        return new Message(rs.getObject("id", UUID.class), rs.getObject("room_id", UUID.class), rs.getLong("seq"),
                rs.getObject("sender_id", UUID.class), rs.getString("client_msg_id"), rs.getString("body"),
                instant(rs, "created_at"), instant(rs, "edited_at"), rs.getObject("deleted_at") != null);
    }
}
