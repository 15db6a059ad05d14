-- blog schema: posts first; comments, revisions and media follow in later migrations.
CREATE TABLE posts (
    id            uuid PRIMARY KEY,
    slug          varchar(200) NOT NULL UNIQUE,
    title         varchar(300) NOT NULL,
    body_markdown text         NOT NULL DEFAULT '',
    status        varchar(16)  NOT NULL DEFAULT 'DRAFT'
                  CHECK (status IN ('DRAFT', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED')),
    author_id     uuid         NOT NULL,
    published_at  timestamptz,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    version       integer      NOT NULL DEFAULT 0
);

CREATE INDEX posts_published_idx ON posts (published_at DESC) WHERE status = 'PUBLISHED';
