-- Read model of proposals, built only from proposal-service's event feed (docs/events.md).
-- Dates are calendar dates in the platform's zone (Asia/Shanghai): statistics count days and months.

-- Where the consumer stands in the feed; one row per feed. rebuilding = 1 pauses the live poller.
CREATE TABLE feed_cursor (
    name       VARCHAR(64) NOT NULL,
    position   BIGINT      NOT NULL DEFAULT 0,
    rebuilding TINYINT(1)  NOT NULL DEFAULT 0,
    updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

INSERT INTO feed_cursor (name, position, rebuilding) VALUES ('proposal-events', 0, 0);

-- Events already applied: the primary key makes applying an event at most once.
CREATE TABLE processed_event (
    event_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One row per proposal.
CREATE TABLE proposal_fact (
    proposal_id        VARCHAR(64)  NOT NULL,
    session_id         VARCHAR(32)  NULL,
    term               INT          NULL,
    session_no         INT          NULL,
    number             VARCHAR(64)  NULL,
    category           VARCHAR(64)  NULL,
    proposer_count     INT          NOT NULL DEFAULT 0,
    sectors            VARCHAR(512) NULL,
    mode               VARCHAR(16)  NULL,
    lead_unit_id       VARCHAR(64)  NULL,
    co_unit_ids        VARCHAR(1024) NULL,
    separate_unit_ids  VARCHAR(1024) NULL,
    status             VARCHAR(32)  NOT NULL,
    withdrawn          TINYINT(1)   NOT NULL DEFAULT 0,
    not_filed          TINYINT(1)   NOT NULL DEFAULT 0,
    merged             TINYINT(1)   NOT NULL DEFAULT 0,
    submitted_on       DATE         NULL,
    filed_on           DATE         NULL,
    assigned_on        DATE         NULL,
    replied_on         DATE         NULL,
    closed_on          DATE         NULL,
    reply_deadline     DATE         NULL,
    awaiting_reply     TINYINT(1)   NOT NULL DEFAULT 0,
    on_time            TINYINT(1)   NULL,
    days_to_reply      INT          NULL,
    result_class       VARCHAR(8)   NULL,
    class_reply_id     VARCHAR(64)  NULL,
    ratings            VARCHAR(2048) NULL,
    rating_satisfied   INT          NOT NULL DEFAULT 0,
    rating_basically   INT          NOT NULL DEFAULT 0,
    rating_unsatisfied INT          NOT NULL DEFAULT 0,
    communications     INT          NOT NULL DEFAULT 0,
    meetings           INT          NOT NULL DEFAULT 0,
    rehandled          INT          NOT NULL DEFAULT 0,
    key_proposal       TINYINT(1)   NOT NULL DEFAULT 0,
    published          TINYINT(1)   NOT NULL DEFAULT 0,
    last_position      BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (proposal_id),
    KEY ix_fact_session (session_id, category),
    KEY ix_fact_submitted (submitted_on),
    KEY ix_fact_replied (replied_on),
    KEY ix_fact_overdue (awaiting_reply, reply_deadline)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One row per proposal and handling unit, so unit reports are exact.
-- role: LEAD (主办), CO (协办/会办), SEPARATE (分办).
CREATE TABLE unit_assignment (
    proposal_id    VARCHAR(64) NOT NULL,
    unit_id        VARCHAR(64) NOT NULL,
    role           VARCHAR(16) NOT NULL,
    session_id     VARCHAR(32) NULL,
    assigned_on    DATE        NULL,
    reply_deadline DATE        NULL,
    awaiting_reply TINYINT(1)  NOT NULL DEFAULT 0,
    replied_on     DATE        NULL,
    on_time        TINYINT(1)  NULL,
    days_to_reply  INT         NULL,
    result_class   VARCHAR(8)  NULL,
    reply_id       VARCHAR(64) NULL,
    opinion_given  TINYINT(1)  NOT NULL DEFAULT 0,
    meetings       INT         NOT NULL DEFAULT 0,
    PRIMARY KEY (proposal_id, unit_id),
    KEY ix_unit_session (session_id, unit_id),
    KEY ix_unit_unit (unit_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Every write of this service (DEVELOPING.md, Audit); append-only for the application.
CREATE TABLE audit_log (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    occurred_at DATETIME(3)   NOT NULL,
    user_id     VARCHAR(64)   NULL,
    username    VARCHAR(128)  NULL,
    roles       VARCHAR(256)  NULL,
    unit_id     VARCHAR(64)   NULL,
    action      VARCHAR(64)   NOT NULL,
    target_type VARCHAR(64)   NULL,
    target_id   VARCHAR(128)  NULL,
    result      VARCHAR(16)   NOT NULL,
    ip          VARCHAR(64)   NULL,
    user_agent  VARCHAR(512)  NULL,
    request_id  VARCHAR(64)   NULL,
    detail      VARCHAR(2048) NULL,
    PRIMARY KEY (id),
    KEY ix_audit_time (occurred_at),
    KEY ix_audit_user (user_id, occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
