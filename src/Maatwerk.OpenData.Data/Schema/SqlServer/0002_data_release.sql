-- The data release record: one row per loaded release (version, date, content hash, when it was
-- loaded, whether it is the one being served) and, per release, each table's row count and what
-- changed against the release served before it. Replaces the single-row table of 0001.
DROP TABLE reporting.data_release;

CREATE TABLE reporting.data_release (
    version nvarchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_data_release PRIMARY KEY,
    release_date date NOT NULL,
    content_hash nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    loaded_at datetime2(0) NOT NULL,
    is_current bit NOT NULL
);

-- At most one release is current.
CREATE UNIQUE INDEX ix_data_release_current ON reporting.data_release (is_current) WHERE is_current = 1;
CREATE INDEX ix_data_release_loaded_at ON reporting.data_release (loaded_at, version);

CREATE TABLE reporting.data_release_table (
    version nvarchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_data_release_table_release REFERENCES reporting.data_release (version),
    table_name nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    row_count int NOT NULL,
    rows_added int NOT NULL,
    rows_changed int NOT NULL,
    rows_removed int NOT NULL,
    CONSTRAINT pk_data_release_table PRIMARY KEY (version, table_name)
);
