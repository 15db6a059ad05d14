package io.xaostech.chat.room;

import static io.xaostech.platform.jdbc.Timestamps.instant;
import static io.xaostech.platform.jdbc.Timestamps.utc;

import io.xaostech.platform.jdbc.KeysetCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code rooms} and {@code room_members} tables. */
@Repository
class Rooms {

    private static final String COLUMNS = "r.id, r.kind, r.name, r.topic, r.created_by, r.created_at, r.last_seq";

    private static final String MEMBER_COLUMNS = "user_id, role, joined_at, last_read_seq, muted_until";

    private final JdbcClient jdbc;

    Rooms(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Room room) {
        jdbc.sql("insert into rooms (id, kind, name, topic, created_by) values (?, ?, ?, ?, ?)")
                .params(room.id(), room.kind().name(), room.name(), room.topic(), room.createdBy()).update();
    }

    /** Creates the pair's direct room unless a concurrent call just did. */
    void insertDirect(Room room, String directKey) {
        jdbc.sql("insert into rooms (id, kind, name, created_by, direct_key) values (?, ?, ?, ?, ?) "
                        + "on conflict (direct_key) do nothing")
                .params(room.id(), room.kind().name(), room.name(), room.createdBy(), directKey).update();
    }

    Optional<Room> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from rooms r where id = ?").param(id).query(Rooms::room).optional();
    }

    Optional<Room> findDirect(String directKey) {
        return jdbc.sql("select " + COLUMNS + " from rooms r where direct_key = ?").param(directKey)
                .query(Rooms::room).optional();
    }

    /** Adds a member; answers false if they were in already. */
    boolean addMember(UUID room, UUID user, RoomRole role) {
        return jdbc.sql("insert into room_members (room_id, user_id, role) values (?, ?, ?) on conflict do nothing")
                .params(room, user, role.name()).update() == 1;
    }

    boolean removeMember(UUID room, UUID user) {
        return jdbc.sql("delete from room_members where room_id = ? and user_id = ?").params(room, user).update() == 1;
    }

    void setRole(UUID room, UUID user, RoomRole role) {
        jdbc.sql("update room_members set role = ? where room_id = ? and user_id = ?").params(role.name(), room, user).update();
    }

    Optional<Member> member(UUID room, UUID user) {
        return jdbc.sql("select " + MEMBER_COLUMNS + " from room_members where room_id = ? and user_id = ?")
                .params(room, user).query(Rooms::member).optional();
    }

    List<Member> members(UUID room, int limit) {
        return jdbc.sql("select " + MEMBER_COLUMNS + " from room_members where room_id = ? "
                        + "order by joined_at, user_id limit ?")
                .params(room, limit).query(Rooms::member).list();
    }

    void mute(UUID room, UUID user, Instant until) {
        jdbc.sql("update room_members set muted_until = ? where room_id = ? and user_id = ?")
                .params(until == null ? null : utc(until), room, user).update();
    }

    /** Moves the member's read marker forward (never back, never past the room's newest event); false if not a member. */
    boolean markRead(UUID room, UUID user, long seq) {
        return jdbc.sql("update room_members m set last_read_seq = greatest(m.last_read_seq, least(:seq, r.last_seq)) "
                        + "from rooms r where r.id = m.room_id and m.room_id = :room and m.user_id = :user")
                .param("seq", seq).param("room", room).param("user", user).update() == 1;
    }

    /** The room's newest sequence number, its row locked until the transaction ends (senders wait). */
    long lockLastSeq(UUID room) {
        return jdbc.sql("select last_seq from rooms where id = ? for update").param(room).query(Long.class).single();
    }

    void ban(UUID room, UUID user, UUID by) {
        jdbc.sql("insert into room_bans (room_id, user_id, banned_by) values (?, ?, ?) on conflict do nothing")
                .params(room, user, by).update();
    }

    boolean unban(UUID room, UUID user) {
        return jdbc.sql("delete from room_bans where room_id = ? and user_id = ?").params(room, user).update() == 1;
    }

    boolean banned(UUID room, UUID user) {
        return jdbc.sql("select count(*) from room_bans where room_id = ? and user_id = ?").params(room, user)
                .query(Integer.class).single() > 0;
    }

    List<Ban> bans(UUID room, int limit) {
        return jdbc.sql("select user_id, banned_by, banned_at from room_bans where room_id = ? order by banned_at, user_id limit ?")
                .params(room, limit)
                .query((rs, i) -> new Ban(rs.getObject("user_id", UUID.class), rs.getObject("banned_by", UUID.class),
                        instant(rs, "banned_at"))).list();
    }

    /** Which of these users are members of which of these rooms, as "room:user" pairs. */
    java.util.Set<String> memberPairs(java.util.Collection<UUID> roomIds, java.util.Collection<UUID> userIds) {
        return new java.util.HashSet<>(jdbc.sql("select room_id || ':' || user_id from room_members "
                        + "where room_id = any(?) and user_id = any(?)")
                .params(roomIds.toArray(UUID[]::new), userIds.toArray(UUID[]::new)).query(String.class).list());
    }

    int countOwners(UUID room) {
        return jdbc.sql("select count(*) from room_members where room_id = ? and role = 'OWNER'").param(room)
                .query(Integer.class).single();
    }

    /** Rooms the user is in, oldest first, after the cursor. */
    List<Room> of(UUID user, KeysetCursor after, int limit) {
        return jdbc.sql("select " + COLUMNS + " from rooms r join room_members m on m.room_id = r.id "
                        + "where m.user_id = :user and (cast(:at as timestamptz) is null "
                        + "or (r.created_at, r.id) > (cast(:at as timestamptz), :id)) order by r.created_at, r.id limit :limit")
                .param("user", user)
                .param("at", after == null ? null : utc(after.at()))
                .param("id", after == null ? new UUID(0, 0) : after.id())
                .param("limit", limit)
                .query(Rooms::room).list();
    }

    /** Public rooms, oldest first, after the cursor. */
    List<Room> publicRooms(KeysetCursor after, int limit) {
        return jdbc.sql("select " + COLUMNS + " from rooms r where kind = 'PUBLIC' and (cast(:at as timestamptz) is null "
                        + "or (r.created_at, r.id) > (cast(:at as timestamptz), :id)) order by r.created_at, r.id limit :limit")
                .param("at", after == null ? null : utc(after.at()))
                .param("id", after == null ? new UUID(0, 0) : after.id())
                .param("limit", limit)
                .query(Rooms::room).list();
    }

    private static Room room(ResultSet rs, int row) throws SQLException {
        return new Room(rs.getObject("id", UUID.class), RoomKind.valueOf(rs.getString("kind")), rs.getString("name"),
                rs.getString("topic"), rs.getObject("created_by", UUID.class), instant(rs, "created_at"),
                rs.getLong("last_seq"));
    }

    private static Member member(ResultSet rs, int row) throws SQLException {
        return new Member(rs.getObject("user_id", UUID.class), RoomRole.valueOf(rs.getString("role")),
                instant(rs, "joined_at"), rs.getLong("last_read_seq"), instant(rs, "muted_until"));
    }
}
