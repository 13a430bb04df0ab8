-- The data release record: one row per loaded release (version, date, content hash, when it was
-- loaded, whether it is the one being served) and, per release, each table's row count and what
-- changed against the release served before it. Replaces the single-row table of 0001.

DROP TABLE data_release;

CREATE TABLE data_release (
    version TEXT NOT NULL CONSTRAINT pk_data_release PRIMARY KEY,
    release_date TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    loaded_at TEXT NOT NULL,
    is_current INTEGER NOT NULL CHECK (is_current IN (0, 1))
) STRICT;

-- At most one release is current.
CREATE UNIQUE INDEX ix_data_release_current ON data_release (is_current) WHERE is_current = 1;
CREATE INDEX ix_data_release_loaded_at ON data_release (loaded_at, version);

CREATE TABLE data_release_table (
    version TEXT NOT NULL
        CONSTRAINT fk_data_release_table_release REFERENCES data_release (version),
    table_name TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    rows_added INTEGER NOT NULL,
    rows_changed INTEGER NOT NULL,
    rows_removed INTEGER NOT NULL,
    CONSTRAINT pk_data_release_table PRIMARY KEY (version, table_name)
) STRICT;
