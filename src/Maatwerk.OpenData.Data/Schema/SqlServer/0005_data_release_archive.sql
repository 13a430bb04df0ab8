-- The downloads of every loaded release, stored at load time in the same transaction as the load, so
-- that a release can be fetched again byte for byte after later releases replaced its data: per
-- release the ZIP (one CSV per table and datapackage.json) and the SQLite database file, with the
-- SHA-256 of the bytes (the strong ETag) and their length. Kept for every release; never pruned.
CREATE TABLE reporting.data_release_archive (
    version nvarchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_data_release_archive_release REFERENCES reporting.data_release (version),
    kind nvarchar(10) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT ck_data_release_archive_kind CHECK (kind IN (N'zip', N'sqlite')),
    content_sha256 nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    byte_count bigint NOT NULL,
    bytes varbinary(max) NOT NULL,
    CONSTRAINT pk_data_release_archive PRIMARY KEY (version, kind)
);
