package io.xaostech.chat.privacy;

import static io.xaostech.platform.jdbc.Timestamps.instant;

import io.xaostech.chat.message.RecentEvents;
import io.xaostech.platform.privacy.PersonalDataHooks;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Export and erasure of one person's data in chat. The rule (docs/adr/007-chat.md): their messages keep their
 * place in each room's sequence (so nobody's history gets gaps) but lose their text and their sender; their
 * memberships end, and rooms they created no longer name them. A room they alone owned passes to its longest
 * member. Erasing twice changes nothing the second time.
 */
@Service
public class PersonalData implements PersonalDataHooks {

    private final JdbcClient jdbc;
    private final RecentEvents recent;

    PersonalData(JdbcClient jdbc, RecentEvents recent) {
        this.jdbc = jdbc;
        this.recent = recent;
    }

    public record Export(UUID userId, List<MessageData> messages, List<MembershipData> memberships) {
    }

    public record MessageData(UUID id, UUID roomId, long seq, String body, Instant createdAt) {
    }

    public record MembershipData(UUID roomId, String roomName, String role, Instant joinedAt) {
    }

    public record Erasure(UUID userId, int messagesErased, int membershipsEnded) {
    }

    @Override
    @Transactional(readOnly = true)
    public Export export(UUID user) {
        return new Export(user,
                jdbc.sql("select id, room_id, seq, body, created_at from messages where sender_id = ? order by created_at")
                        .param(user)
                        .query((rs, i) -> new MessageData(rs.getObject("id", UUID.class), rs.getObject("room_id", UUID.class),
                                rs.getLong("seq"), rs.getString("body"), instant(rs, "created_at"))).list(),
                jdbc.sql("select m.room_id, r.name, m.role, m.joined_at from room_members m join rooms r on r.id = m.room_id "
                                + "where m.user_id = ? order by m.joined_at")
                        .param(user)
                        .query((rs, i) -> new MembershipData(rs.getObject("room_id", UUID.class), rs.getString("name"),
                                rs.getString("role"), instant(rs, "joined_at"))).list());
    }

    @Override
    @Transactional
    public Erasure erase(UUID user) {
        List<UUID> rooms = jdbc.sql("select distinct room_id from messages where sender_id = ?").param(user)
                .query(UUID.class).list();
        int messages = jdbc.sql("update messages set body = '', sender_id = null, client_msg_id = null, "
                        + "deleted_at = coalesce(deleted_at, now()) where sender_id = ?")
                .param(user).update();
        // Rooms whose only owner leaves get their longest-standing other member as owner.
        jdbc.sql("update room_members m set role = 'OWNER' from (select distinct on (o.room_id) o.room_id, o.user_id "
                        + "from room_members o where o.user_id <> :user and o.room_id in (select room_id from room_members "
                        + "where user_id = :user and role = 'OWNER') and not exists (select 1 from room_members x "
                        + "where x.room_id = o.room_id and x.role = 'OWNER' and x.user_id <> :user) "
                        + "order by o.room_id, o.joined_at, o.user_id) heir "
                        + "where m.room_id = heir.room_id and m.user_id = heir.user_id")
                .param("user", user).update();
        int memberships = jdbc.sql("delete from room_members where user_id = ?").param(user).update();
        jdbc.sql("update rooms set created_by = ? where created_by = ?").params(new UUID(0, 0), user).update();
        // Dropped once the erasure committed: a replay in between would put the old text back.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                recent.forget(rooms);
            }
        });
        return new Erasure(user, messages, memberships);
    }
}
