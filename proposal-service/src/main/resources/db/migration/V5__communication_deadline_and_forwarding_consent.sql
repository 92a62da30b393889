-- 办前沟通 (handling, DOMAIN.md): the replying units meet or call the proposer within
-- platform.proposals.communication-working-days (15) working days of assignment; set at (re)assignment.
ALTER TABLE proposal
    ADD COLUMN communication_deadline DATE NULL AFTER co_opinion_deadline;

-- Not filed, forwarded as an opinion (社情民意) only with the proposer's consent (review, DOMAIN.md): the committee's
-- request (the unit it would go to) waits for the author's answer. forwarding_status: AWAITING_CONSENT, FORWARDED,
-- DECLINED; NULL when no forwarding was asked. forwarded_as_opinion (V2) is 1 once forwarded.
ALTER TABLE proposal
    ADD COLUMN forwarding_status       VARCHAR(16)  NULL AFTER forwarded_as_opinion,
    ADD COLUMN forward_to_unit_id      VARCHAR(64)  NULL AFTER forwarding_status,
    ADD COLUMN forward_to_unit_name    VARCHAR(128) NULL AFTER forward_to_unit_id,
    ADD COLUMN forwarding_answered_at  DATETIME(3)  NULL AFTER forward_to_unit_name;
