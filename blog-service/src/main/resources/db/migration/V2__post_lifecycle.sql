-- Posts as Ghost has them: excerpt, tags, SEO fields, rendered and sanitised HTML, plain text for search,
-- old slugs that redirect, and a revision per save.
ALTER TABLE posts
    ADD COLUMN excerpt           varchar(500),
    ADD COLUMN body_html         text          NOT NULL DEFAULT '',
    ADD COLUMN body_text         text          NOT NULL DEFAULT '',
    ADD COLUMN render_version    integer       NOT NULL DEFAULT 0,
    ADD COLUMN tags              varchar(50)[] NOT NULL DEFAULT '{}',
    ADD COLUMN cover_image_url   varchar(2000),
    ADD COLUMN meta_title        varchar(300),
    ADD COLUMN meta_description  varchar(500),
    ADD COLUMN canonical_url     varchar(2000),
    ADD COLUMN og_image_url      varchar(2000),
    ADD COLUMN search            tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('english', coalesce(excerpt, '')), 'B')
        || setweight(to_tsvector('english', body_text), 'C')) STORED;

CREATE INDEX posts_search_idx ON posts USING gin (search);
CREATE INDEX posts_tags_idx ON posts USING gin (tags);
CREATE INDEX posts_scheduled_idx ON posts (published_at) WHERE status = 'SCHEDULED';
CREATE INDEX posts_render_version_idx ON posts (render_version);

-- A slug a post used to have; requests for it redirect to the post's current slug.
CREATE TABLE post_slug_redirects (
    slug       varchar(200) PRIMARY KEY,
    post_id    uuid         NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    created_at timestamptz  NOT NULL DEFAULT now()
);

-- The post as it was after each save (the editable fields as JSON), numbered per post.
CREATE TABLE post_revisions (
    post_id    uuid        NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    revision   integer     NOT NULL,
    saved_by   uuid        NOT NULL,
    saved_at   timestamptz NOT NULL DEFAULT now(),
    content    jsonb       NOT NULL,
    PRIMARY KEY (post_id, revision)
);
