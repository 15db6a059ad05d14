-- Edits and deletes are numbered events in their room's sequence, like messages: a client replaying a room
-- sees them in order. The edited or deleted message itself always holds its current state (history lists it so).
ALTER TABLE messages ADD COLUMN kind varchar(16) NOT NULL DEFAULT 'MESSAGE'
    CHECK (kind IN ('MESSAGE', 'EDIT', 'DELETE'));
ALTER TABLE messages ADD COLUMN target_id uuid REFERENCES messages (id) ON DELETE CASCADE;
ALTER TABLE messages ADD CONSTRAINT messages_target_ck CHECK ((kind = 'MESSAGE') = (target_id IS NULL));
CREATE INDEX messages_target_idx ON messages (target_id) WHERE target_id IS NOT NULL;

-- Moderation: a muted member reads but does not send until the time given; a banned person is out of the room
-- and cannot come back (join or invitation) until the ban is lifted.
ALTER TABLE room_members ADD COLUMN muted_until timestamptz;

CREATE TABLE room_bans (
    room_id   uuid        NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id   uuid        NOT NULL,
    banned_by uuid,
    banned_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (room_id, user_id)
);
