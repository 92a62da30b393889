-- "Follow-ups overdue now" is counted live (it depends on today) in the overview and per unit. With (follow_up_owed,
-- follow_up_due) MariaDB chose a table scan whenever many rows owe a follow-up (ten years from bench/load-decade.sh:
-- 5,208 of 22,507 unit rows; the per-unit count took 25.6 ms with a temporary table and a filesort, and made the
-- uncached units report over all sessions 169 ms p99). With the filtered columns and what is grouped or counted in
-- the index it is an index-only range scan: 3.4 ms per unit, 2.0 ms for the overview (measured by hand on that data).
ALTER TABLE unit_assignment
    DROP INDEX ix_unit_follow_up,
    ADD INDEX ix_unit_follow_up (follow_up_owed, follow_up_class, follow_up_due, role, unit_id);

ALTER TABLE proposal_fact
    DROP INDEX ix_fact_follow_up,
    ADD INDEX ix_fact_follow_up (follow_up_owed, follow_up_class, follow_up_due, session_id);
