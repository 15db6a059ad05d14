package io.xaostech.chat.room;

/** A member's standing in a room: owners manage roles, moderators manage members and others' messages. */
public enum RoomRole {
    OWNER,
    MODERATOR,
    MEMBER;

    boolean canInvite(RoomKind kind) {
        return kind == RoomKind.PUBLIC || this != MEMBER;
    }

    /** Whether this role moderates someone of the other role: owners moderate everyone but owners, moderators members. */
    boolean moderates(RoomRole other) {
        return this != MEMBER && ordinal() < other.ordinal();
    }
}
