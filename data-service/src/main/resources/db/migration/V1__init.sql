-- data schema: the registry of processing purposes; notices and consent records follow.
CREATE TABLE purposes (
    code        varchar(64)  PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_-]*$'),
    name        varchar(200) NOT NULL,
    essential   boolean      NOT NULL DEFAULT false,
    created_at  timestamptz  NOT NULL DEFAULT now()
);
