-- Browser sign-ins. The session itself lives in Redis (Spring Session, found by the user's principal-name index
-- and its xaos.sid attribute, since its own id changes at sign-in); this registry gives each a public id
-- (sid, the tokens' "sid" claim — never the cookie's session id), what users see in their session list, and
-- the authorizations (token families) issued within it, so ending a session revokes its tokens.
CREATE TABLE user_sessions (
    sid               uuid         PRIMARY KEY,
    user_id           uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device            varchar(200),
    client_ip         varchar(45),
    created_at        timestamptz  NOT NULL,
    ended_at          timestamptz
);

CREATE INDEX user_sessions_user_idx ON user_sessions (user_id) WHERE ended_at IS NULL;

CREATE TABLE session_authorizations (
    sid              uuid         NOT NULL REFERENCES user_sessions (sid) ON DELETE CASCADE,
    authorization_id varchar(100) NOT NULL,
    PRIMARY KEY (sid, authorization_id)
);
