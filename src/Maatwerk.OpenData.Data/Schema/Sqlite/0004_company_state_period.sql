-- The state of every company over time, computed from its phase changes, for "the programme on a
-- given day". Each row holds from valid_from (inclusive; NULL = always before) to valid_to
-- (exclusive; NULL = still). A day's state is the row whose period contains it: the latest change
-- that could have happened by the end of that day. A change known only to the month or year may or
-- may not have happened on a day inside that month or year, so there the row says is_certain = 0
-- and gives the phase before it. Milestones and undated changes do not move a company.
CREATE VIEW company_state_period AS
WITH changes AS (
    SELECT s.company_id, s.id, s.to_phase_id, s.date, s.date_precision, s.period_start, s.period_end,
        LAG(s.to_phase_id) OVER (PARTITION BY s.company_id ORDER BY s.period_start, s.period_end, s.id) AS previous_phase_id,
        LEAD(s.period_start) OVER (PARTITION BY s.company_id ORDER BY s.period_start, s.period_end, s.id) AS next_start
    FROM status_change AS s
    WHERE s.kind = 'phase-change' AND s.period_start IS NOT NULL
)
-- Before its first change could have happened, a company is not (known to be) in the programme.
SELECT c.id AS company_id, NULL AS phase_id, NULL AS previous_phase_id, NULL AS status_change_id,
    NULL AS change_date, NULL AS change_date_precision, 1 AS is_certain,
    NULL AS valid_from, (SELECT MIN(f.period_start) FROM changes AS f WHERE f.company_id = c.id) AS valid_to
FROM company AS c
UNION ALL
-- Inside the month or year of a change: it may or may not have happened yet.
SELECT company_id, to_phase_id, previous_phase_id, id, date, date_precision, 0,
    period_start, CASE WHEN next_start < period_end THEN next_start ELSE period_end END
FROM changes
WHERE period_start < period_end AND (next_start IS NULL OR period_start < next_start)
UNION ALL
-- From the last day the change could have happened on, until the next change could have happened.
SELECT company_id, to_phase_id, previous_phase_id, id, date, date_precision, 1,
    period_end, next_start
FROM changes
WHERE next_start IS NULL OR period_end < next_start;
