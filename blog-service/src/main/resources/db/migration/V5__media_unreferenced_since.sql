-- When media stopped being used by any post (or was uploaded and not yet used): the cleanup counts its grace
-- period from here, not from the upload.
ALTER TABLE media ADD COLUMN unreferenced_since timestamptz DEFAULT now();
UPDATE media m SET unreferenced_since = NULL WHERE EXISTS (SELECT 1 FROM post_media p WHERE p.media_id = m.id);
CREATE INDEX media_unreferenced_idx ON media (unreferenced_since) WHERE unreferenced_since IS NOT NULL;
