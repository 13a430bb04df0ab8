-- Programme events: milestones of the programme as a whole (letters to parliament, debates, budget
-- decisions), each with the sources that report it.

CREATE TABLE reporting.programme_event (
    id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_programme_event PRIMARY KEY,
    date nvarchar(10) COLLATE Latin1_General_100_BIN2 NOT NULL,
    date_precision nvarchar(10) COLLATE Latin1_General_100_BIN2 NOT NULL,
    period_start date NULL,
    period_end date NULL,
    kind nvarchar(50) COLLATE Latin1_General_100_BIN2 NOT NULL,
    title nvarchar(400) COLLATE Latin1_General_100_BIN2 NOT NULL,
    parliamentary_paper nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL,
    description nvarchar(4000) COLLATE Latin1_General_100_BIN2 NOT NULL,
    note nvarchar(4000) COLLATE Latin1_General_100_BIN2 NULL
);

CREATE TABLE reporting.programme_event_source (
    programme_event_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_programme_event_source_programme_event REFERENCES reporting.programme_event (id),
    source_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL
        CONSTRAINT fk_programme_event_source_source REFERENCES reporting.source (id),
    CONSTRAINT pk_programme_event_source PRIMARY KEY (programme_event_id, source_id)
);

CREATE INDEX ix_programme_event_source_source ON reporting.programme_event_source (source_id, programme_event_id);

CREATE INDEX ix_programme_event_date ON reporting.programme_event (date, id);
CREATE INDEX ix_programme_event_date_precision ON reporting.programme_event (date_precision, id);
CREATE INDEX ix_programme_event_period_start ON reporting.programme_event (period_start, id);
CREATE INDEX ix_programme_event_period_end ON reporting.programme_event (period_end, id);
CREATE INDEX ix_programme_event_kind ON reporting.programme_event (kind, id);
CREATE INDEX ix_programme_event_title ON reporting.programme_event (title, id);
CREATE INDEX ix_programme_event_parliamentary_paper ON reporting.programme_event (parliamentary_paper, id);
