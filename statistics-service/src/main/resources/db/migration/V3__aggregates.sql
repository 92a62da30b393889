-- Pre-aggregated read model (issue 7): kept by the event applier in the same transaction as
-- the fact rows (each applied event adds the proposal's new contribution and subtracts its old
-- one), written whole by the rebuild. Reports read these small tables instead of grouping
-- 15,000 facts and 30,000 unit rows per request. Sums of days are kept with their counts so
-- averages stay exact; medians are exact from a histogram of days (agg_days).
-- session_key is '' for a proposal without a session; term/session_no are -1 when unknown.

-- Per session x category (overview, categories, public figures).
CREATE TABLE agg_session_category (
    session_key   VARCHAR(32) NOT NULL,
    category      VARCHAR(64) NOT NULL,
    term          INT         NOT NULL,
    session_no    INT         NOT NULL,
    proposals     BIGINT      NOT NULL DEFAULT 0,
    received      BIGINT      NOT NULL DEFAULT 0,
    filed         BIGINT      NOT NULL DEFAULT 0,
    assigned      BIGINT      NOT NULL DEFAULT 0,
    replied       BIGINT      NOT NULL DEFAULT 0,
    on_time       BIGINT      NOT NULL DEFAULT 0,
    class_a       BIGINT      NOT NULL DEFAULT 0,
    class_b       BIGINT      NOT NULL DEFAULT 0,
    class_c       BIGINT      NOT NULL DEFAULT 0,
    class_d       BIGINT      NOT NULL DEFAULT 0,
    sat           BIGINT      NOT NULL DEFAULT 0,
    bas           BIGINT      NOT NULL DEFAULT 0,
    uns           BIGINT      NOT NULL DEFAULT 0,
    met           BIGINT      NOT NULL DEFAULT 0,
    rehandled     BIGINT      NOT NULL DEFAULT 0,
    days_sum      BIGINT      NOT NULL DEFAULT 0,
    days_n        BIGINT      NOT NULL DEFAULT 0,
    key_proposals BIGINT      NOT NULL DEFAULT 0,
    published     BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (session_key, category, term, session_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Per session x unit (the unit report); CO rows count only as co-handled.
CREATE TABLE agg_session_unit (
    session_key VARCHAR(32) NOT NULL,
    unit_id     VARCHAR(64) NOT NULL,
    assignments BIGINT      NOT NULL DEFAULT 0,
    assigned    BIGINT      NOT NULL DEFAULT 0,
    co          BIGINT      NOT NULL DEFAULT 0,
    replied     BIGINT      NOT NULL DEFAULT 0,
    on_time     BIGINT      NOT NULL DEFAULT 0,
    class_a     BIGINT      NOT NULL DEFAULT 0,
    class_b     BIGINT      NOT NULL DEFAULT 0,
    class_c     BIGINT      NOT NULL DEFAULT 0,
    class_d     BIGINT      NOT NULL DEFAULT 0,
    sat         BIGINT      NOT NULL DEFAULT 0,
    bas         BIGINT      NOT NULL DEFAULT 0,
    uns         BIGINT      NOT NULL DEFAULT 0,
    met         BIGINT      NOT NULL DEFAULT 0,
    days_sum    BIGINT      NOT NULL DEFAULT 0,
    days_n      BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (session_key, unit_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- How many replies took each number of days, per session and unit; unit_id '' is the
-- proposal level (the overview). Medians are read from it exactly.
CREATE TABLE agg_days (
    session_key VARCHAR(32) NOT NULL,
    unit_id     VARCHAR(64) NOT NULL,
    days        INT         NOT NULL,
    n           BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (session_key, unit_id, days),
    KEY ix_days_unit (unit_id, days)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Per session x month ('YYYY-MM') of each date: received, filed, assigned, replied, on time.
CREATE TABLE agg_month (
    session_key VARCHAR(32) NOT NULL,
    month       CHAR(7)     NOT NULL,
    received    BIGINT      NOT NULL DEFAULT 0,
    filed       BIGINT      NOT NULL DEFAULT 0,
    assigned    BIGINT      NOT NULL DEFAULT 0,
    replied     BIGINT      NOT NULL DEFAULT 0,
    on_time     BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (session_key, month),
    KEY ix_month_month (month)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- "Overdue now" depends on today's date, so it is counted live over the rows still awaiting
-- a reply (few: the open ones), through these indexes.
CREATE INDEX ix_unit_overdue ON unit_assignment (awaiting_reply, reply_deadline);

-- Fill the aggregates from the facts already there (an upgraded installation).
INSERT INTO agg_session_category
SELECT COALESCE(session_id, ''), COALESCE(category, '未分类'), COALESCE(term, -1), COALESCE(session_no, -1),
       COUNT(*), SUM(submitted_on IS NOT NULL AND withdrawn = 0), SUM(filed_on IS NOT NULL),
       SUM(assigned_on IS NOT NULL), SUM(replied_on IS NOT NULL), SUM(on_time <=> 1),
       SUM(replied_on IS NOT NULL AND result_class <=> 'A'), SUM(replied_on IS NOT NULL AND result_class <=> 'B'),
       SUM(replied_on IS NOT NULL AND result_class <=> 'C'), SUM(replied_on IS NOT NULL AND result_class <=> 'D'),
       SUM(rating_satisfied), SUM(rating_basically), SUM(rating_unsatisfied),
       SUM(assigned_on IS NOT NULL AND meetings > 0), SUM(rehandled > 0), COALESCE(SUM(days_to_reply), 0),
       COUNT(days_to_reply), SUM(key_proposal), SUM(published)
FROM proposal_fact
GROUP BY COALESCE(session_id, ''), COALESCE(category, '未分类'), COALESCE(term, -1), COALESCE(session_no, -1);

INSERT INTO agg_session_unit
SELECT COALESCE(u.session_id, ''), u.unit_id, COUNT(*), SUM(u.role <> 'CO'), SUM(u.role = 'CO'),
       SUM(u.role <> 'CO' AND u.replied_on IS NOT NULL), SUM(u.role <> 'CO' AND u.on_time <=> 1),
       SUM(u.role <> 'CO' AND u.replied_on IS NOT NULL AND u.result_class <=> 'A'),
       SUM(u.role <> 'CO' AND u.replied_on IS NOT NULL AND u.result_class <=> 'B'),
       SUM(u.role <> 'CO' AND u.replied_on IS NOT NULL AND u.result_class <=> 'C'),
       SUM(u.role <> 'CO' AND u.replied_on IS NOT NULL AND u.result_class <=> 'D'),
       SUM(CASE WHEN u.role <> 'CO' THEN f.rating_satisfied ELSE 0 END),
       SUM(CASE WHEN u.role <> 'CO' THEN f.rating_basically ELSE 0 END),
       SUM(CASE WHEN u.role <> 'CO' THEN f.rating_unsatisfied ELSE 0 END),
       SUM(u.role <> 'CO' AND u.meetings > 0),
       COALESCE(SUM(CASE WHEN u.role <> 'CO' THEN u.days_to_reply END), 0),
       COUNT(CASE WHEN u.role <> 'CO' THEN u.days_to_reply END)
FROM unit_assignment u JOIN proposal_fact f ON f.proposal_id = u.proposal_id
GROUP BY COALESCE(u.session_id, ''), u.unit_id;

INSERT INTO agg_days
SELECT COALESCE(session_id, ''), '', days_to_reply, COUNT(*) FROM proposal_fact
WHERE days_to_reply IS NOT NULL GROUP BY COALESCE(session_id, ''), days_to_reply;

INSERT INTO agg_days
SELECT COALESCE(session_id, ''), unit_id, days_to_reply, COUNT(*) FROM unit_assignment
WHERE role <> 'CO' AND days_to_reply IS NOT NULL GROUP BY COALESCE(session_id, ''), unit_id, days_to_reply;

INSERT INTO agg_month (session_key, month, received, filed, assigned, replied, on_time)
SELECT k, m, SUM(r), SUM(fi), SUM(a), SUM(re), SUM(o) FROM (
    SELECT COALESCE(session_id, '') k, DATE_FORMAT(submitted_on, '%Y-%m') m, 1 r, 0 fi, 0 a, 0 re, 0 o
    FROM proposal_fact WHERE submitted_on IS NOT NULL AND withdrawn = 0
    UNION ALL SELECT COALESCE(session_id, ''), DATE_FORMAT(filed_on, '%Y-%m'), 0, 1, 0, 0, 0
    FROM proposal_fact WHERE filed_on IS NOT NULL
    UNION ALL SELECT COALESCE(session_id, ''), DATE_FORMAT(assigned_on, '%Y-%m'), 0, 0, 1, 0, 0
    FROM proposal_fact WHERE assigned_on IS NOT NULL
    UNION ALL SELECT COALESCE(session_id, ''), DATE_FORMAT(replied_on, '%Y-%m'), 0, 0, 0, 1, (on_time <=> 1)
    FROM proposal_fact WHERE replied_on IS NOT NULL
) x GROUP BY k, m;
