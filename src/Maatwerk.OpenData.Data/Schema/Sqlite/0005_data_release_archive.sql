-- The downloads of every loaded release, stored at load time in the same transaction as the load, so
-- that a release can be fetched again byte for byte after later releases replaced its data: per
-- release the ZIP (one CSV per table and datapackage.json) and the SQLite database file, with the
-- SHA-256 of the bytes (the strong ETag) and their length. Kept for every release; never pruned.

CREATE TABLE data_release_archive (
    version TEXT NOT NULL
        CONSTRAINT fk_data_release_archive_release REFERENCES data_release (version),
    kind TEXT NOT NULL CHECK (kind IN ('zip', 'sqlite')),
    content_sha256 TEXT NOT NULL,
    byte_count INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    CONSTRAINT pk_data_release_archive PRIMARY KEY (version, kind)
) STRICT;
