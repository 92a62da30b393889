-- The units report over all sessions reads the days histogram grouped by unit and days across every session
-- (ReportService.rankedUnits). With (unit_id, days) alone MariaDB scanned the table with a temporary table and a
-- filesort (14 ms at ten years, 14,464 rows; 174 ms p99 for the uncached report, BENCHMARKS.md 2026-12-06); with the
-- count in the index it is a range scan that reads the index alone, in order (3.1 ms on the same data).
ALTER TABLE agg_days
    DROP INDEX ix_days_unit,
    ADD INDEX ix_days_unit (unit_id, days, n);
