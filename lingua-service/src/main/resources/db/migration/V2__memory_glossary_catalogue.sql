-- Translation memory: curated exact translations, consulted before any engine.
CREATE TABLE memory_entries (
    id          uuid PRIMARY KEY,
    source_lang varchar(16) NOT NULL,
    target_lang varchar(16) NOT NULL,
    source_text text        NOT NULL CHECK (length(source_text) BETWEEN 1 AND 10000),
    source_hash char(64)    NOT NULL,
    target_text text        NOT NULL CHECK (length(target_text) BETWEEN 1 AND 20000),
    origin      varchar(16) NOT NULL CHECK (origin IN ('curated', 'import')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source_lang, target_lang, source_hash)
);
CREATE INDEX memory_entries_listing ON memory_entries (source_lang, target_lang, updated_at DESC, id DESC);

-- Glossary: a term never translated (translation null) or always translated one way.
ALTER TABLE glossary_entries ALTER COLUMN translation DROP NOT NULL;
ALTER TABLE glossary_entries ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE glossary_entries ADD CONSTRAINT glossary_term_not_blank CHECK (length(btrim(term)) > 0);

-- The UI strings of each site in its source language (English), keyed as the site's templates use them.
CREATE TABLE catalogue_strings (
    site        varchar(40)  NOT NULL,
    key         varchar(200) NOT NULL,
    source_text text         NOT NULL CHECK (length(source_text) BETWEEN 1 AND 2000),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (site, key)
);
