-- The reporting schema for the embedded SQLite database: the same tables, columns, keys and indexes
-- as the SQL Server script. Text uses SQLite's default BINARY collation (case-sensitive, code-point
-- order), dates are ISO-8601 text, booleans 0/1 and amounts REAL. STRICT tables
-- reject a value of the wrong type instead of storing it.

CREATE TABLE data_release (
    id TEXT NOT NULL CONSTRAINT pk_data_release PRIMARY KEY,
    loaded_at TEXT NOT NULL
) STRICT;

CREATE TABLE source (
    id TEXT NOT NULL CONSTRAINT pk_source PRIMARY KEY,
    title TEXT NOT NULL,
    publisher TEXT NOT NULL,
    date TEXT NULL,
    date_precision TEXT NULL,
    period_start TEXT NULL,
    period_end TEXT NULL,
    type TEXT NOT NULL,
    url TEXT NOT NULL,
    note TEXT NULL
) STRICT;

CREATE TABLE phase (
    id TEXT NOT NULL CONSTRAINT pk_phase PRIMARY KEY,
    ordinal INTEGER NULL,
    name_en TEXT NOT NULL,
    name_nl TEXT NOT NULL,
    kind TEXT NOT NULL,
    is_binding INTEGER NULL CHECK (is_binding IN (0, 1)),
    description TEXT NOT NULL
) STRICT;

CREATE TABLE company (
    id TEXT NOT NULL CONSTRAINT pk_company PRIMARY KEY,
    name TEXT NOT NULL,
    sector TEXT NOT NULL,
    activity TEXT NULL,
    cluster TEXT NULL,
    cluster_basis TEXT NULL,
    in_top20 INTEGER NULL CHECK (in_top20 IN (0, 1)),
    current_phase_id TEXT NULL
        CONSTRAINT fk_company_phase REFERENCES phase (id),
    current_phase_as_of TEXT NULL,
    current_phase_as_of_precision TEXT NULL,
    programme_order INTEGER NOT NULL,
    description TEXT NOT NULL
) STRICT;

CREATE TABLE company_site (
    company_id TEXT NOT NULL
        CONSTRAINT fk_company_site_company REFERENCES company (id),
    ordinal INTEGER NOT NULL,
    site TEXT NOT NULL,
    municipality TEXT NULL,
    province TEXT NULL,
    CONSTRAINT pk_company_site PRIMARY KEY (company_id, ordinal)
) STRICT;

CREATE TABLE status_change (
    id TEXT NOT NULL CONSTRAINT pk_status_change PRIMARY KEY,
    company_id TEXT NOT NULL
        CONSTRAINT fk_status_change_company REFERENCES company (id),
    date TEXT NULL,
    date_precision TEXT NOT NULL,
    period_start TEXT NULL,
    period_end TEXT NULL,
    from_phase_id TEXT NULL
        CONSTRAINT fk_status_change_from_phase REFERENCES phase (id),
    to_phase_id TEXT NOT NULL
        CONSTRAINT fk_status_change_to_phase REFERENCES phase (id),
    kind TEXT NOT NULL,
    is_disputed INTEGER NOT NULL CHECK (is_disputed IN (0, 1)),
    signatories TEXT NULL,
    description TEXT NOT NULL,
    note TEXT NULL
) STRICT;

CREATE TABLE agreed_reduction (
    id TEXT NOT NULL CONSTRAINT pk_agreed_reduction PRIMARY KEY,
    company_id TEXT NOT NULL
        CONSTRAINT fk_agreed_reduction_company REFERENCES company (id),
    phase_id TEXT NOT NULL
        CONSTRAINT fk_agreed_reduction_phase REFERENCES phase (id),
    substance TEXT NOT NULL,
    amount REAL NULL,
    amount_min REAL NULL,
    amount_max REAL NULL,
    amount_qualifier TEXT NULL,
    unit TEXT NULL,
    percent_min REAL NULL,
    percent_max REAL NULL,
    baseline_year INTEGER NULL,
    baseline TEXT NULL,
    target_year INTEGER NULL,
    measure TEXT NULL,
    instrument TEXT NULL,
    state_contribution_max_eur REAL NULL,
    total_investment_eur REAL NULL,
    note TEXT NULL
) STRICT;

CREATE TABLE phase_source (
    phase_id TEXT NOT NULL
        CONSTRAINT fk_phase_source_phase REFERENCES phase (id),
    source_id TEXT NOT NULL
        CONSTRAINT fk_phase_source_source REFERENCES source (id),
    CONSTRAINT pk_phase_source PRIMARY KEY (phase_id, source_id)
) STRICT;

CREATE TABLE company_source (
    company_id TEXT NOT NULL
        CONSTRAINT fk_company_source_company REFERENCES company (id),
    source_id TEXT NOT NULL
        CONSTRAINT fk_company_source_source REFERENCES source (id),
    CONSTRAINT pk_company_source PRIMARY KEY (company_id, source_id)
) STRICT;

CREATE TABLE status_change_source (
    status_change_id TEXT NOT NULL
        CONSTRAINT fk_status_change_source_status_change REFERENCES status_change (id),
    source_id TEXT NOT NULL
        CONSTRAINT fk_status_change_source_source REFERENCES source (id),
    CONSTRAINT pk_status_change_source PRIMARY KEY (status_change_id, source_id)
) STRICT;

CREATE TABLE agreed_reduction_source (
    agreed_reduction_id TEXT NOT NULL
        CONSTRAINT fk_agreed_reduction_source_agreed_reduction REFERENCES agreed_reduction (id),
    source_id TEXT NOT NULL
        CONSTRAINT fk_agreed_reduction_source_source REFERENCES source (id),
    CONSTRAINT pk_agreed_reduction_source PRIMARY KEY (agreed_reduction_id, source_id)
) STRICT;

-- Reverse lookups: which records cite a source.
CREATE INDEX ix_phase_source_source ON phase_source (source_id, phase_id);
CREATE INDEX ix_company_source_source ON company_source (source_id, company_id);
CREATE INDEX ix_status_change_source_source ON status_change_source (source_id, status_change_id);
CREATE INDEX ix_agreed_reduction_source_source ON agreed_reduction_source (source_id, agreed_reduction_id);

-- One index per sortable column, ending with the key.
CREATE INDEX ix_source_title ON source (title, id);
CREATE INDEX ix_source_publisher ON source (publisher, id);
CREATE INDEX ix_source_date ON source (date, id);
CREATE INDEX ix_source_date_precision ON source (date_precision, id);
CREATE INDEX ix_source_period_start ON source (period_start, id);
CREATE INDEX ix_source_period_end ON source (period_end, id);
CREATE INDEX ix_source_type ON source (type, id);

CREATE INDEX ix_phase_ordinal ON phase (ordinal, id);
CREATE INDEX ix_phase_name_en ON phase (name_en, id);
CREATE INDEX ix_phase_name_nl ON phase (name_nl, id);
CREATE INDEX ix_phase_kind ON phase (kind, id);
CREATE INDEX ix_phase_is_binding ON phase (is_binding, id);

CREATE INDEX ix_company_name ON company (name, id);
CREATE INDEX ix_company_sector ON company (sector, id);
CREATE INDEX ix_company_activity ON company (activity, id);
CREATE INDEX ix_company_cluster ON company (cluster, id);
CREATE INDEX ix_company_cluster_basis ON company (cluster_basis, id);
CREATE INDEX ix_company_in_top20 ON company (in_top20, id);
CREATE INDEX ix_company_current_phase_id ON company (current_phase_id, id);
CREATE INDEX ix_company_current_phase_as_of ON company (current_phase_as_of, id);
CREATE INDEX ix_company_current_phase_as_of_precision ON company (current_phase_as_of_precision, id);
CREATE INDEX ix_company_programme_order ON company (programme_order, id);

CREATE INDEX ix_status_change_company_id ON status_change (company_id, id);
CREATE INDEX ix_status_change_date ON status_change (date, id);
CREATE INDEX ix_status_change_date_precision ON status_change (date_precision, id);
CREATE INDEX ix_status_change_period_start ON status_change (period_start, id);
CREATE INDEX ix_status_change_period_end ON status_change (period_end, id);
CREATE INDEX ix_status_change_from_phase_id ON status_change (from_phase_id, id);
CREATE INDEX ix_status_change_to_phase_id ON status_change (to_phase_id, id);
CREATE INDEX ix_status_change_kind ON status_change (kind, id);
CREATE INDEX ix_status_change_is_disputed ON status_change (is_disputed, id);

CREATE INDEX ix_agreed_reduction_company_id ON agreed_reduction (company_id, id);
CREATE INDEX ix_agreed_reduction_phase_id ON agreed_reduction (phase_id, id);
CREATE INDEX ix_agreed_reduction_substance ON agreed_reduction (substance, id);
CREATE INDEX ix_agreed_reduction_amount ON agreed_reduction (amount, id);
CREATE INDEX ix_agreed_reduction_amount_min ON agreed_reduction (amount_min, id);
CREATE INDEX ix_agreed_reduction_amount_max ON agreed_reduction (amount_max, id);
CREATE INDEX ix_agreed_reduction_amount_qualifier ON agreed_reduction (amount_qualifier, id);
CREATE INDEX ix_agreed_reduction_unit ON agreed_reduction (unit, id);
CREATE INDEX ix_agreed_reduction_percent_min ON agreed_reduction (percent_min, id);
CREATE INDEX ix_agreed_reduction_percent_max ON agreed_reduction (percent_max, id);
CREATE INDEX ix_agreed_reduction_baseline_year ON agreed_reduction (baseline_year, id);
CREATE INDEX ix_agreed_reduction_baseline ON agreed_reduction (baseline, id);
CREATE INDEX ix_agreed_reduction_target_year ON agreed_reduction (target_year, id);
CREATE INDEX ix_agreed_reduction_instrument ON agreed_reduction (instrument, id);
CREATE INDEX ix_agreed_reduction_state_contribution_max_eur ON agreed_reduction (state_contribution_max_eur, id);
CREATE INDEX ix_agreed_reduction_total_investment_eur ON agreed_reduction (total_investment_eur, id);
