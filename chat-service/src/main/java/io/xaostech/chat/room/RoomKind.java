package io.xaostech.chat.room;

/** Public rooms anyone may find and join; private ones by invitation; direct ones hold exactly two people. */
public enum RoomKind {
    PUBLIC,
    PRIVATE,
    DIRECT
}
