-- Roles of a user (USER, ADMIN, SUPPORTER); every user has USER.
CREATE TABLE user_roles (
    user_id uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    varchar(16) NOT NULL CHECK (role IN ('USER', 'ADMIN', 'SUPPORTER')),
    PRIMARY KEY (user_id, role)
);
