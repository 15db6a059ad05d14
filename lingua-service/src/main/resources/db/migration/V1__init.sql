-- lingua schema: glossary first; translation memory follows.
CREATE TABLE glossary_entries (
    id          uuid PRIMARY KEY,
    source_lang varchar(16)  NOT NULL,
    target_lang varchar(16)  NOT NULL,
    term        varchar(500) NOT NULL,
    translation varchar(500) NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (source_lang, target_lang, term)
);
