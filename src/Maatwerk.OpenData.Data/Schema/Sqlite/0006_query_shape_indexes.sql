-- Composite indexes for the documented query shapes: the equality column, then the sort columns, then
-- the key, so that a filtered and sorted page is read in index order and stops after one page, in
-- either direction (ties are broken by the key in the direction of the last sort key).

-- Reductions of one substance by target year (/v1/agreed-reductions?$filter=substance eq 'CO2'&$orderby=targetYear desc),
-- and the chart of reductions per substance and target year (groupby((substance,targetYear))).
CREATE INDEX ix_agreed_reduction_substance_target_year ON agreed_reduction (substance, target_year, id);

-- A company's history by date (/v1/companies/nobian/status-changes?$orderby=periodStart, the company
-- page, its feed, the timeline sorted by company then date).
CREATE INDEX ix_status_change_company_period_start ON status_change (company_id, period_start, id);

-- The latest phase changes (kind eq 'phase-change', $orderby=periodStart desc: the home page).
CREATE INDEX ix_status_change_kind_period_start ON status_change (kind, period_start, id);

-- Companies in a phase, in the default order (programme order).
CREATE INDEX ix_company_current_phase_programme_order ON company (current_phase_id, programme_order, id);
