-- Who is in which room with which role, and the durable history: every message has a per-room sequence
-- number (rooms.last_seq is the counter) and, when its client named one, a client message id it is stored
-- under once.
CREATE TABLE room_members (
    room_id       uuid        NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id       uuid        NOT NULL,
    role          varchar(16) NOT NULL CHECK (role IN ('OWNER', 'MODERATOR', 'MEMBER')),
    joined_at     timestamptz NOT NULL DEFAULT now(),
    last_read_seq bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (room_id, user_id)
);

CREATE INDEX room_members_user_idx ON room_members (user_id);

-- A direct room is the one room of its two users.
ALTER TABLE rooms ADD COLUMN direct_key varchar(80) UNIQUE;

CREATE TABLE messages (
    id            uuid        PRIMARY KEY,
    room_id       uuid        NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    seq           bigint      NOT NULL,
    sender_id     uuid,
    client_msg_id varchar(64),
    body          text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    edited_at     timestamptz,
    deleted_at    timestamptz,
    UNIQUE (room_id, seq),
    UNIQUE (sender_id, client_msg_id)
);

CREATE INDEX rooms_public_idx ON rooms (created_at, id) WHERE kind = 'PUBLIC';
