-- Key proposals (重点提案) and the follow-ups of B-class replies (跟踪答复), DOMAIN.md (issue 7).
-- The projector now reads proposal.key-proposal-selected/-cancelled and proposal.follow-up-submitted,
-- and the due date of a follow-up from the reply events (followUpDue). Figures: CANVAS.md, "Definitions".

-- Which version of the projector (fact/Projector.VERSION) built the stored read model. 1 = the code before
-- this migration. The service compares it with its own at start-up and re-projects the history (the rebuild)
-- when the stored one is older: the facts below hold no follow-ups until then.
ALTER TABLE feed_cursor ADD COLUMN projection_version INT NOT NULL DEFAULT 1;

-- The follow-up of the reply that gives the proposal its class (owed once replied, when that reply is of a
-- follow-up class); the due date is what "overdue follow-ups now" is counted from.
ALTER TABLE proposal_fact
    ADD COLUMN follow_up_owed    TINYINT(1) NOT NULL DEFAULT 0,
    ADD COLUMN follow_up_due     DATE       NULL,
    ADD COLUMN follow_up_class   VARCHAR(8) NULL,
    ADD COLUMN follow_up_on_time TINYINT(1) NULL,
    ADD KEY ix_fact_follow_up (follow_up_owed, follow_up_due);

-- The follow-up of each unit's current reply.
ALTER TABLE unit_assignment
    ADD COLUMN follow_up_owed    TINYINT(1) NOT NULL DEFAULT 0,
    ADD COLUMN follow_up_due     DATE       NULL,
    ADD COLUMN follow_up_class   VARCHAR(8) NULL,
    ADD COLUMN follow_up_on_time TINYINT(1) NULL,
    ADD KEY ix_unit_follow_up (follow_up_owed, follow_up_due);

-- key_*: key proposals assigned / replied / on time / their ratings (per unit: the ones it must reply to);
-- fu_*: follow-ups owed / answered / answered on time / class of the answer A-D.
ALTER TABLE agg_session_category
    ADD COLUMN key_assigned BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN key_replied  BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN key_on_time  BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN key_sat      BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN key_bas      BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN key_uns      BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fu_owed      BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fu_answered  BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fu_on_time   BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fu_a         BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fu_b         BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fu_c         BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fu_d         BIGINT NOT NULL DEFAULT 0;

ALTER TABLE agg_session_unit
    ADD COLUMN key_assigned BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN key_replied  BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN key_on_time  BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN key_sat      BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN key_bas      BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN key_uns      BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fu_owed      BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fu_answered  BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fu_on_time   BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fu_a         BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fu_b         BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fu_c         BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fu_d         BIGINT NOT NULL DEFAULT 0;

-- Fill the new counters from the facts already there, exactly as fact/Aggregates.java sums them (the
-- migration test checks it). The key proposal figures come out right at once; the follow-ups are all 0
-- until the start-up rebuild re-projects the history with the follow-up events.
UPDATE agg_session_category a JOIN (
    SELECT COALESCE(session_id, '') k, COALESCE(category, '未分类') c, COALESCE(term, -1) t,
           COALESCE(session_no, -1) s,
           SUM(key_proposal = 1 AND assigned_on IS NOT NULL) key_assigned,
           SUM(key_proposal = 1 AND replied_on IS NOT NULL) key_replied,
           SUM(key_proposal = 1 AND on_time <=> 1) key_on_time,
           SUM(CASE WHEN key_proposal = 1 THEN rating_satisfied ELSE 0 END) key_sat,
           SUM(CASE WHEN key_proposal = 1 THEN rating_basically ELSE 0 END) key_bas,
           SUM(CASE WHEN key_proposal = 1 THEN rating_unsatisfied ELSE 0 END) key_uns,
           SUM(follow_up_owed = 1) fu_owed,
           SUM(follow_up_owed = 1 AND follow_up_class IS NOT NULL) fu_answered,
           SUM(follow_up_owed = 1 AND follow_up_class IS NOT NULL AND follow_up_on_time <=> 1) fu_on_time,
           SUM(follow_up_owed = 1 AND follow_up_class <=> 'A') fu_a,
           SUM(follow_up_owed = 1 AND follow_up_class <=> 'B') fu_b,
           SUM(follow_up_owed = 1 AND follow_up_class <=> 'C') fu_c,
           SUM(follow_up_owed = 1 AND follow_up_class <=> 'D') fu_d
    FROM proposal_fact
    GROUP BY COALESCE(session_id, ''), COALESCE(category, '未分类'), COALESCE(term, -1), COALESCE(session_no, -1)
) f ON a.session_key = f.k AND a.category = f.c AND a.term = f.t AND a.session_no = f.s
SET a.key_assigned = f.key_assigned, a.key_replied = f.key_replied, a.key_on_time = f.key_on_time,
    a.key_sat = f.key_sat, a.key_bas = f.key_bas, a.key_uns = f.key_uns, a.fu_owed = f.fu_owed,
    a.fu_answered = f.fu_answered, a.fu_on_time = f.fu_on_time, a.fu_a = f.fu_a, a.fu_b = f.fu_b,
    a.fu_c = f.fu_c, a.fu_d = f.fu_d;

UPDATE agg_session_unit a JOIN (
    SELECT COALESCE(u.session_id, '') k, u.unit_id,
           SUM(u.role <> 'CO' AND f.key_proposal = 1) key_assigned,
           SUM(u.role <> 'CO' AND f.key_proposal = 1 AND u.replied_on IS NOT NULL) key_replied,
           SUM(u.role <> 'CO' AND f.key_proposal = 1 AND u.on_time <=> 1) key_on_time,
           SUM(CASE WHEN u.role <> 'CO' AND f.key_proposal = 1 THEN f.rating_satisfied ELSE 0 END) key_sat,
           SUM(CASE WHEN u.role <> 'CO' AND f.key_proposal = 1 THEN f.rating_basically ELSE 0 END) key_bas,
           SUM(CASE WHEN u.role <> 'CO' AND f.key_proposal = 1 THEN f.rating_unsatisfied ELSE 0 END) key_uns,
           SUM(u.role <> 'CO' AND u.replied_on IS NOT NULL AND u.follow_up_owed = 1) fu_owed,
           SUM(u.role <> 'CO' AND u.replied_on IS NOT NULL AND u.follow_up_owed = 1
               AND u.follow_up_class IS NOT NULL) fu_answered,
           SUM(u.role <> 'CO' AND u.replied_on IS NOT NULL AND u.follow_up_owed = 1
               AND u.follow_up_class IS NOT NULL AND u.follow_up_on_time <=> 1) fu_on_time,
           SUM(u.role <> 'CO' AND u.replied_on IS NOT NULL AND u.follow_up_owed = 1
               AND u.follow_up_class <=> 'A') fu_a,
           SUM(u.role <> 'CO' AND u.replied_on IS NOT NULL AND u.follow_up_owed = 1
               AND u.follow_up_class <=> 'B') fu_b,
           SUM(u.role <> 'CO' AND u.replied_on IS NOT NULL AND u.follow_up_owed = 1
               AND u.follow_up_class <=> 'C') fu_c,
           SUM(u.role <> 'CO' AND u.replied_on IS NOT NULL AND u.follow_up_owed = 1
               AND u.follow_up_class <=> 'D') fu_d
    FROM unit_assignment u JOIN proposal_fact f ON f.proposal_id = u.proposal_id
    GROUP BY COALESCE(u.session_id, ''), u.unit_id
) f ON a.session_key = f.k AND a.unit_id = f.unit_id
SET a.key_assigned = f.key_assigned, a.key_replied = f.key_replied, a.key_on_time = f.key_on_time,
    a.key_sat = f.key_sat, a.key_bas = f.key_bas, a.key_uns = f.key_uns, a.fu_owed = f.fu_owed,
    a.fu_answered = f.fu_answered, a.fu_on_time = f.fu_on_time, a.fu_a = f.fu_a, a.fu_b = f.fu_b,
    a.fu_c = f.fu_c, a.fu_d = f.fu_d;
