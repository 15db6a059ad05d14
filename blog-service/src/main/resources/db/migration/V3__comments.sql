-- Comments, threaded one level, with a moderation status; commenters an admin has banned.
CREATE TABLE comments (
    id             uuid         PRIMARY KEY,
    post_id        uuid         NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    parent_id      uuid         REFERENCES comments (id) ON DELETE CASCADE,
    author_id      uuid,
    display_name   varchar(80)  NOT NULL,
    body_markdown  text         NOT NULL,
    body_html      text         NOT NULL,
    render_version integer      NOT NULL,
    status         varchar(16)  NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'DELETED')),
    held_because   varchar(200),
    created_at     timestamptz  NOT NULL DEFAULT now(),
    edited_at      timestamptz
);

CREATE INDEX comments_post_idx ON comments (post_id, created_at, id) WHERE status = 'APPROVED' AND parent_id IS NULL;
CREATE INDEX comments_parent_idx ON comments (parent_id, created_at);
CREATE INDEX comments_status_idx ON comments (status, created_at, id);
CREATE INDEX comments_author_idx ON comments (author_id);

CREATE TABLE commenter_bans (
    user_id    uuid         PRIMARY KEY,
    banned_by  uuid         NOT NULL,
    reason     varchar(500),
    created_at timestamptz  NOT NULL DEFAULT now()
);

-- Erasure keeps an author's posts (they are the site's content) but forgets who wrote them.
ALTER TABLE posts ALTER COLUMN author_id DROP NOT NULL;
