-- The reporting schema the API reads. Text is compared in a BIN2 collation: case-sensitive and in
-- code-point order, as OData string comparison and the SQLite dialect (BINARY) are.
-- Every column the API can sort on has an index ending with the key, so ORDER BY ... , id and
-- keyset paging are index walks; long free text can be filtered (with a scan) but never sorted.
-- The schema may already exist: the migration journal (reporting.schema_version) is created in it first.
IF SCHEMA_ID(N'reporting') IS NULL EXEC(N'CREATE SCHEMA reporting');
GO

CREATE TABLE reporting.data_release (
    id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_data_release PRIMARY KEY,
    loaded_at datetime2(0) NOT NULL
);

CREATE TABLE reporting.source (
    id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_source PRIMARY KEY,
    title nvarchar(400) COLLATE Latin1_General_100_BIN2 NOT NULL,
    publisher nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    date nvarchar(10) COLLATE Latin1_General_100_BIN2 NULL,
    date_precision nvarchar(10) COLLATE Latin1_General_100_BIN2 NULL,
    period_start date NULL,
    period_end date NULL,
    type nvarchar(50) COLLATE Latin1_General_100_BIN2 NOT NULL,
    url nvarchar(1000) COLLATE Latin1_General_100_BIN2 NOT NULL,
    note nvarchar(4000) COLLATE Latin1_General_100_BIN2 NULL
);

CREATE TABLE reporting.phase (
    id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_phase PRIMARY KEY,
    ordinal int NULL,
    name_en nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    name_nl nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    kind nvarchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL,
    is_binding bit NULL,
    description nvarchar(4000) COLLATE Latin1_General_100_BIN2 NOT NULL
);

CREATE TABLE reporting.company (
    id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_company PRIMARY KEY,
    name nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    sector nvarchar(50) COLLATE Latin1_General_100_BIN2 NOT NULL,
    activity nvarchar(200) COLLATE Latin1_General_100_BIN2 NULL,
    cluster nvarchar(200) COLLATE Latin1_General_100_BIN2 NULL,
    cluster_basis nvarchar(20) COLLATE Latin1_General_100_BIN2 NULL,
    in_top20 bit NULL,
    current_phase_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL
        CONSTRAINT fk_company_phase REFERENCES reporting.phase (id),
    current_phase_as_of nvarchar(10) COLLATE Latin1_General_100_BIN2 NULL,
    current_phase_as_of_precision nvarchar(10) COLLATE Latin1_General_100_BIN2 NULL,
    programme_order int NOT NULL,
    description nvarchar(4000) COLLATE Latin1_General_100_BIN2 NOT NULL
);

CREATE TABLE reporting.company_site (
    company_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_company_site_company REFERENCES reporting.company (id),
    ordinal int NOT NULL,
    site nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    municipality nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL,
    province nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL,
    CONSTRAINT pk_company_site PRIMARY KEY (company_id, ordinal)
);

CREATE TABLE reporting.status_change (
    id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_status_change PRIMARY KEY,
    company_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_status_change_company REFERENCES reporting.company (id),
    date nvarchar(10) COLLATE Latin1_General_100_BIN2 NULL,
    date_precision nvarchar(10) COLLATE Latin1_General_100_BIN2 NOT NULL,
    period_start date NULL,
    period_end date NULL,
    from_phase_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL
        CONSTRAINT fk_status_change_from_phase REFERENCES reporting.phase (id),
    to_phase_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_status_change_to_phase REFERENCES reporting.phase (id),
    kind nvarchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL,
    is_disputed bit NOT NULL,
    signatories nvarchar(1000) COLLATE Latin1_General_100_BIN2 NULL,
    description nvarchar(4000) COLLATE Latin1_General_100_BIN2 NOT NULL,
    note nvarchar(4000) COLLATE Latin1_General_100_BIN2 NULL
);

CREATE TABLE reporting.agreed_reduction (
    id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_agreed_reduction PRIMARY KEY,
    company_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_agreed_reduction_company REFERENCES reporting.company (id),
    phase_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_agreed_reduction_phase REFERENCES reporting.phase (id),
    substance nvarchar(50) COLLATE Latin1_General_100_BIN2 NOT NULL,
    amount decimal(19, 4) NULL,
    amount_min decimal(19, 4) NULL,
    amount_max decimal(19, 4) NULL,
    amount_qualifier nvarchar(20) COLLATE Latin1_General_100_BIN2 NULL,
    unit nvarchar(30) COLLATE Latin1_General_100_BIN2 NULL,
    percent_min decimal(9, 2) NULL,
    percent_max decimal(9, 2) NULL,
    baseline_year int NULL,
    baseline nvarchar(200) COLLATE Latin1_General_100_BIN2 NULL,
    target_year int NULL,
    measure nvarchar(4000) COLLATE Latin1_General_100_BIN2 NULL,
    instrument nvarchar(400) COLLATE Latin1_General_100_BIN2 NULL,
    state_contribution_max_eur decimal(19, 2) NULL,
    total_investment_eur decimal(19, 2) NULL,
    note nvarchar(4000) COLLATE Latin1_General_100_BIN2 NULL
);

CREATE TABLE reporting.phase_source (
    phase_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_phase_source_phase REFERENCES reporting.phase (id),
    source_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_phase_source_source REFERENCES reporting.source (id),
    CONSTRAINT pk_phase_source PRIMARY KEY (phase_id, source_id)
);

CREATE TABLE reporting.company_source (
    company_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_company_source_company REFERENCES reporting.company (id),
    source_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_company_source_source REFERENCES reporting.source (id),
    CONSTRAINT pk_company_source PRIMARY KEY (company_id, source_id)
);

CREATE TABLE reporting.status_change_source (
    status_change_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_status_change_source_status_change REFERENCES reporting.status_change (id),
    source_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_status_change_source_source REFERENCES reporting.source (id),
    CONSTRAINT pk_status_change_source PRIMARY KEY (status_change_id, source_id)
);

CREATE TABLE reporting.agreed_reduction_source (
    agreed_reduction_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_agreed_reduction_source_agreed_reduction REFERENCES reporting.agreed_reduction (id),
    source_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_agreed_reduction_source_source REFERENCES reporting.source (id),
    CONSTRAINT pk_agreed_reduction_source PRIMARY KEY (agreed_reduction_id, source_id)
);

-- Reverse lookups: which records cite a source.
CREATE INDEX ix_phase_source_source ON reporting.phase_source (source_id, phase_id);
CREATE INDEX ix_company_source_source ON reporting.company_source (source_id, company_id);
CREATE INDEX ix_status_change_source_source ON reporting.status_change_source (source_id, status_change_id);
CREATE INDEX ix_agreed_reduction_source_source ON reporting.agreed_reduction_source (source_id, agreed_reduction_id);

-- One index per sortable column, ending with the key.
CREATE INDEX ix_source_title ON reporting.source (title, id);
CREATE INDEX ix_source_publisher ON reporting.source (publisher, id);
CREATE INDEX ix_source_date ON reporting.source (date, id);
CREATE INDEX ix_source_date_precision ON reporting.source (date_precision, id);
CREATE INDEX ix_source_period_start ON reporting.source (period_start, id);
CREATE INDEX ix_source_period_end ON reporting.source (period_end, id);
CREATE INDEX ix_source_type ON reporting.source (type, id);

CREATE INDEX ix_phase_ordinal ON reporting.phase (ordinal, id);
CREATE INDEX ix_phase_name_en ON reporting.phase (name_en, id);
CREATE INDEX ix_phase_name_nl ON reporting.phase (name_nl, id);
CREATE INDEX ix_phase_kind ON reporting.phase (kind, id);
CREATE INDEX ix_phase_is_binding ON reporting.phase (is_binding, id);

CREATE INDEX ix_company_name ON reporting.company (name, id);
CREATE INDEX ix_company_sector ON reporting.company (sector, id);
CREATE INDEX ix_company_activity ON reporting.company (activity, id);
CREATE INDEX ix_company_cluster ON reporting.company (cluster, id);
CREATE INDEX ix_company_cluster_basis ON reporting.company (cluster_basis, id);
CREATE INDEX ix_company_in_top20 ON reporting.company (in_top20, id);
CREATE INDEX ix_company_current_phase_id ON reporting.company (current_phase_id, id);
CREATE INDEX ix_company_current_phase_as_of ON reporting.company (current_phase_as_of, id);
CREATE INDEX ix_company_current_phase_as_of_precision ON reporting.company (current_phase_as_of_precision, id);
CREATE INDEX ix_company_programme_order ON reporting.company (programme_order, id);

CREATE INDEX ix_status_change_company_id ON reporting.status_change (company_id, id);
CREATE INDEX ix_status_change_date ON reporting.status_change (date, id);
CREATE INDEX ix_status_change_date_precision ON reporting.status_change (date_precision, id);
CREATE INDEX ix_status_change_period_start ON reporting.status_change (period_start, id);
CREATE INDEX ix_status_change_period_end ON reporting.status_change (period_end, id);
CREATE INDEX ix_status_change_from_phase_id ON reporting.status_change (from_phase_id, id);
CREATE INDEX ix_status_change_to_phase_id ON reporting.status_change (to_phase_id, id);
CREATE INDEX ix_status_change_kind ON reporting.status_change (kind, id);
CREATE INDEX ix_status_change_is_disputed ON reporting.status_change (is_disputed, id);

CREATE INDEX ix_agreed_reduction_company_id ON reporting.agreed_reduction (company_id, id);
CREATE INDEX ix_agreed_reduction_phase_id ON reporting.agreed_reduction (phase_id, id);
CREATE INDEX ix_agreed_reduction_substance ON reporting.agreed_reduction (substance, id);
CREATE INDEX ix_agreed_reduction_amount ON reporting.agreed_reduction (amount, id);
CREATE INDEX ix_agreed_reduction_amount_min ON reporting.agreed_reduction (amount_min, id);
CREATE INDEX ix_agreed_reduction_amount_max ON reporting.agreed_reduction (amount_max, id);
CREATE INDEX ix_agreed_reduction_amount_qualifier ON reporting.agreed_reduction (amount_qualifier, id);
CREATE INDEX ix_agreed_reduction_unit ON reporting.agreed_reduction (unit, id);
CREATE INDEX ix_agreed_reduction_percent_min ON reporting.agreed_reduction (percent_min, id);
CREATE INDEX ix_agreed_reduction_percent_max ON reporting.agreed_reduction (percent_max, id);
CREATE INDEX ix_agreed_reduction_baseline_year ON reporting.agreed_reduction (baseline_year, id);
CREATE INDEX ix_agreed_reduction_baseline ON reporting.agreed_reduction (baseline, id);
CREATE INDEX ix_agreed_reduction_target_year ON reporting.agreed_reduction (target_year, id);
CREATE INDEX ix_agreed_reduction_instrument ON reporting.agreed_reduction (instrument, id);
CREATE INDEX ix_agreed_reduction_state_contribution_max_eur ON reporting.agreed_reduction (state_contribution_max_eur, id);
CREATE INDEX ix_agreed_reduction_total_investment_eur ON reporting.agreed_reduction (total_investment_eur, id);
