-- Key proposals (重点提案, DOMAIN.md): selected by the committee, supervised by a committee leader (督办领导), led by
-- a government leader (领办领导) and the lead unit, tracked closely: the lead unit reports its progress by a deadline.
ALTER TABLE proposal
    ADD COLUMN key_supervisor        VARCHAR(64)   NULL AFTER key_proposal,
    ADD COLUMN key_leading_leader    VARCHAR(64)   NULL AFTER key_supervisor,
    ADD COLUMN key_reason            VARCHAR(2000) NULL AFTER key_leading_leader,
    ADD COLUMN key_selected_at       DATETIME(3)   NULL AFTER key_reason,
    ADD COLUMN key_progress_deadline DATE          NULL AFTER key_selected_at;

-- supervision activities of the committee on a key proposal (督办: meetings, inspections, surveys ...)
CREATE TABLE supervision (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    proposal_id  BIGINT        NOT NULL,
    kind         VARCHAR(16)   NOT NULL,
    happened_at  DATETIME(3)   NOT NULL,
    participants VARCHAR(1000) NOT NULL,
    summary      VARCHAR(4000) NOT NULL,
    recorded_by  VARCHAR(64)   NOT NULL,
    recorded_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY idx_supervision_proposal (proposal_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- progress reports of a handling unit on a key proposal (办理进展)
CREATE TABLE progress_report (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    proposal_id BIGINT        NOT NULL,
    unit_id     VARCHAR(64)   NOT NULL,
    summary     VARCHAR(8000) NOT NULL,
    reported_by VARCHAR(64)   NOT NULL,
    reported_at DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY idx_progress_report_proposal (proposal_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Follow-up (DOMAIN.md): a reply of a follow-up class (B: being solved or planned) owes a second answer once done,
-- due follow_up_due (set when the reply is sent, or reclassified into such a class).
ALTER TABLE reply ADD COLUMN follow_up_due DATE NULL;

-- one follow-up answer per reply
CREATE TABLE follow_up (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    proposal_id   BIGINT       NOT NULL,
    reply_id      BIGINT       NOT NULL,
    unit_id       VARCHAR(64)  NOT NULL,
    result_class  VARCHAR(8)   NOT NULL,
    body          MEDIUMTEXT   NOT NULL,
    signer        VARCHAR(64)  NOT NULL,
    contact_name  VARCHAR(64)  NOT NULL,
    contact_phone VARCHAR(32)  NOT NULL,
    signed_by     VARCHAR(64)  NOT NULL,
    sent_at       DATETIME(3)  NOT NULL,
    on_time       TINYINT(1)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_follow_up_reply (reply_id),
    KEY idx_follow_up_proposal (proposal_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
