package io.xaostech.chat.room;

import io.xaostech.common.page.Page;
import io.xaostech.common.problem.ProblemType;
import io.xaostech.platform.jdbc.KeysetCursor;
import io.xaostech.platform.jdbc.Pages;
import io.xaostech.platform.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rooms and membership. A room a caller may not see is a 404 (its existence is not revealed); one they see but
 * may not change is a 403.
 */
@Service
public class RoomService {

    /** The longest a mute may last. */
    static final Duration MAX_MUTE = Duration.ofDays(30);

    private final Rooms rooms;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    RoomService(Rooms rooms, Clock clock, ApplicationEventPublisher events) {
        this.rooms = rooms;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    Room create(UUID owner, RoomKind kind, String name, String topic) {
        if (kind == RoomKind.DIRECT) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Direct rooms are opened with POST /rooms/direct.");
        }
        Room room = new Room(UUID.randomUUID(), kind, name.strip(), topic, owner, clock.instant(), 0);
        rooms.insert(room);
        rooms.addMember(room.id(), owner, RoomRole.OWNER);
        return rooms.find(room.id()).orElseThrow();
    }

    /** The one direct room of two people, made on first use. */
    @Transactional
    Room direct(UUID caller, UUID other) {
        if (caller.equals(other)) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "A direct room needs another person.");
        }
        String key = caller.compareTo(other) < 0 ? caller + ":" + other : other + ":" + caller;
        Room room = rooms.findDirect(key).orElseGet(() -> {
            Room created = new Room(UUID.randomUUID(), RoomKind.DIRECT, "direct", null, caller, clock.instant(), 0);
            rooms.insertDirect(created, key);
            return rooms.findDirect(key).orElseThrow();
        });
        // Both are (again) in it, also after one of them left.
        rooms.addMember(room.id(), caller, RoomRole.MEMBER);
        rooms.addMember(room.id(), other, RoomRole.MEMBER);
        return room;
    }

    /** A room the caller may see: any public room, or one they are in. */
    @Transactional(readOnly = true)
    public Room visible(UUID roomId, UUID caller) {
        Room room = rooms.find(roomId).orElseThrow(() -> notFound(roomId));
        if (room.kind() != RoomKind.PUBLIC && rooms.member(roomId, caller).isEmpty()) {
            throw notFound(roomId);
        }
        return room;
    }

    /** The caller's membership of a room they are in; a 403 for a public room they have not joined. */
    @Transactional(readOnly = true)
    public Member membership(UUID roomId, UUID caller) {
        Room room = visible(roomId, caller);
        return rooms.member(room.id(), caller).orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                "Join the room first."));
    }

    /** Which of the given (room, user) pairs are memberships now, as "room:user" strings. */
    @Transactional(readOnly = true)
    public java.util.Set<String> memberships(java.util.Collection<UUID> roomIds, java.util.Collection<UUID> userIds) {
        return roomIds.isEmpty() || userIds.isEmpty() ? java.util.Set.of() : rooms.memberPairs(roomIds, userIds);
    }

    @Transactional
    Room join(UUID roomId, UUID caller) {
        Room room = visible(roomId, caller);
        if (room.kind() != RoomKind.PUBLIC) {
            return room;
        }
        if (rooms.banned(roomId, caller)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "You are banned from this room.");
        }
        rooms.addMember(roomId, caller, RoomRole.MEMBER);
        return room;
    }

    @Transactional
    void leave(UUID roomId, UUID caller) {
        Member me = membership(roomId, caller);
        if (me.role() == RoomRole.OWNER && rooms.countOwners(roomId) == 1 && rooms.members(roomId, 2).size() > 1) {
            throw new ProblemException(ProblemType.CONFLICT, "You are the room's only owner: make someone else owner first.");
        }
        remove(roomId, caller, "left");
    }

    /** Takes someone out of the room (they may come back, unless banned); their live subscriptions end. */
    @Transactional
    void kick(UUID roomId, UUID caller, UUID user) {
        moderatedMember(roomId, caller, user);
        remove(roomId, user, "removed");
    }

    /** Keeps someone out of the room until the ban is lifted; a member is removed at once. */
    @Transactional
    void ban(UUID roomId, UUID caller, UUID user) {
        Member me = membership(roomId, caller);
        Optional<Member> target = rooms.member(roomId, user);
        if (!me.role().moderates(target.map(Member::role).orElse(RoomRole.MEMBER)) || caller.equals(user)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Owners ban moderators and members; moderators ban members.");
        }
        rooms.ban(roomId, user, caller);
        if (target.isPresent()) {
            remove(roomId, user, "banned");
        }
    }

    @Transactional
    void unban(UUID roomId, UUID caller, UUID user) {
        if (membership(roomId, caller).role() == RoomRole.MEMBER) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only owners and moderators lift bans.");
        }
        if (!rooms.unban(roomId, user)) {
            throw new ProblemException(ProblemType.NOT_FOUND, user + " is not banned from this room.");
        }
    }

    @Transactional(readOnly = true)
    List<Ban> bans(UUID roomId, UUID caller, int limit) {
        if (membership(roomId, caller).role() == RoomRole.MEMBER) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only owners and moderators see the bans.");
        }
        return rooms.bans(roomId, limit);
    }

    /** Keeps a member from sending for a while (at most {@link #MAX_MUTE}); {@code null} lifts the mute. */
    @Transactional
    void mute(UUID roomId, UUID caller, UUID user, Duration length) {
        moderatedMember(roomId, caller, user);
        rooms.mute(roomId, user, length == null ? null : clock.instant().plus(length));
    }

    /** Moves the caller's read marker forward to {@code seq} (never back, never past the room's newest event). */
    @Transactional
    public void markRead(UUID roomId, UUID caller, long seq) {
        membership(roomId, caller);
        rooms.markRead(roomId, caller, seq);
    }

    private Member moderatedMember(UUID roomId, UUID caller, UUID user) {
        Member me = membership(roomId, caller);
        Member target = rooms.member(roomId, user).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No member " + user + " in this room."));
        if (!me.role().moderates(target.role())) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "Owners moderate moderators and members; moderators moderate members.");
        }
        return target;
    }

    /** Ends a membership once the room's events so far are numbered (senders wait on the room's row meanwhile). */
    private void remove(UUID roomId, UUID user, String reason) {
        long lastSeq = rooms.lockLastSeq(roomId);
        if (rooms.removeMember(roomId, user)) {
            events.publishEvent(new MemberRemoved(roomId, user, lastSeq, reason));
        }
    }

    @Transactional
    void invite(UUID roomId, UUID caller, UUID invitee) {
        Room room = visible(roomId, caller);
        Member me = rooms.member(roomId, caller).orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                "Join the room first."));
        if (room.kind() == RoomKind.DIRECT) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "A direct room holds its two people only.");
        }
        if (!me.role().canInvite(room.kind())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only owners and moderators invite to a private room.");
        }
        if (rooms.banned(roomId, invitee)) {
            throw new ProblemException(ProblemType.CONFLICT, invitee + " is banned from this room; lift the ban first.");
        }
        rooms.addMember(roomId, invitee, RoomRole.MEMBER);
    }

    @Transactional
    void setRole(UUID roomId, UUID caller, UUID user, RoomRole role) {
        if (membership(roomId, caller).role() != RoomRole.OWNER) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only owners change roles.");
        }
        Member target = rooms.member(roomId, user).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No member " + user + " in this room."));
        if (target.role() == RoomRole.OWNER && role != RoomRole.OWNER && rooms.countOwners(roomId) == 1) {
            throw new ProblemException(ProblemType.CONFLICT, "A room keeps at least one owner.");
        }
        rooms.setRole(roomId, user, role);
    }

    @Transactional(readOnly = true)
    public List<Member> members(UUID roomId, UUID caller, int limit) {
        visible(roomId, caller);
        return rooms.members(roomId, limit);
    }

    @Transactional(readOnly = true)
    Page<Room> list(UUID caller, boolean publicOnly, String cursor, int limit) {
        KeysetCursor after = KeysetCursor.decode(cursor);
        List<Room> found = publicOnly ? rooms.publicRooms(after, limit + 1) : rooms.of(caller, after, limit + 1);
        return Pages.of(found, limit, room -> new KeysetCursor(room.createdAt(), room.id()).encode(), room -> room);
    }

    private static ProblemException notFound(UUID roomId) {
        return new ProblemException(ProblemType.NOT_FOUND, "No room " + roomId + " you can see.");
    }
}
