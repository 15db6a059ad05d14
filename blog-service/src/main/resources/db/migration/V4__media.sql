-- Uploaded media: the original and its resized variants live in S3 under server-made keys; what they are lives here.
CREATE TABLE media (
    id           uuid         PRIMARY KEY,
    uploaded_by  uuid,
    filename     varchar(255) NOT NULL,
    content_type varchar(100) NOT NULL,
    size_bytes   bigint       NOT NULL,
    width        integer,
    height       integer,
    created_at   timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX media_uploaded_by_idx ON media (uploaded_by);
CREATE INDEX media_created_idx ON media (created_at);

CREATE TABLE media_variants (
    media_id     uuid         NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    name         varchar(20)  NOT NULL,
    content_type varchar(100) NOT NULL,
    size_bytes   bigint       NOT NULL,
    width        integer      NOT NULL,
    height       integer      NOT NULL,
    PRIMARY KEY (media_id, name)
);

-- Which posts use which media (body, cover or OpenGraph image); kept on every save of a post.
CREATE TABLE post_media (
    post_id  uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    media_id uuid NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, media_id)
);

CREATE INDEX post_media_media_idx ON post_media (media_id);
