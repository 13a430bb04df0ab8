-- Programme events: milestones of the programme as a whole (letters to parliament, debates, budget
-- decisions), each with the sources that report it.

CREATE TABLE programme_event (
    id TEXT NOT NULL CONSTRAINT pk_programme_event PRIMARY KEY,
    date TEXT NOT NULL,
    date_precision TEXT NOT NULL,
    period_start TEXT NULL,
    period_end TEXT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    parliamentary_paper TEXT NULL,
    description TEXT NOT NULL,
    note TEXT NULL
) STRICT;

CREATE TABLE programme_event_source (
    programme_event_id TEXT NOT NULL
        CONSTRAINT fk_programme_event_source_programme_event REFERENCES programme_event (id),
    source_id TEXT NOT NULL
        CONSTRAINT fk_programme_event_source_source REFERENCES source (id),
    CONSTRAINT pk_programme_event_source PRIMARY KEY (programme_event_id, source_id)
) STRICT;

CREATE INDEX ix_programme_event_source_source ON programme_event_source (source_id, programme_event_id);

CREATE INDEX ix_programme_event_date ON programme_event (date, id);
CREATE INDEX ix_programme_event_date_precision ON programme_event (date_precision, id);
CREATE INDEX ix_programme_event_period_start ON programme_event (period_start, id);
CREATE INDEX ix_programme_event_period_end ON programme_event (period_end, id);
CREATE INDEX ix_programme_event_kind ON programme_event (kind, id);
CREATE INDEX ix_programme_event_title ON programme_event (title, id);
CREATE INDEX ix_programme_event_parliamentary_paper ON programme_event (parliamentary_paper, id);
