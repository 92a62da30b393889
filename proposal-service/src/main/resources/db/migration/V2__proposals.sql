-- Terms and sessions (届/次) are data; next_serial is the per-session numbering counter,
-- locked with SELECT ... FOR UPDATE in the filing transaction (numbering, DOMAIN.md).
CREATE TABLE term_session (
    id          VARCHAR(16)  NOT NULL,
    term        INT          NOT NULL,
    session_no  INT          NOT NULL,
    name        VARCHAR(64)  NOT NULL,
    year        INT          NOT NULL,
    current     TINYINT(1)   NOT NULL DEFAULT 0,
    next_serial INT          NOT NULL DEFAULT 1,
    PRIMARY KEY (id),
    UNIQUE KEY uk_term_session (term, session_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

INSERT INTO term_session (id, term, session_no, name, year, current, next_serial) VALUES
    ('12-1', 12, 1, '十二届一次会议', 2018, 0, 1),
    ('13-4', 13, 4, '十三届四次会议', 2026, 1, 1);

CREATE TABLE proposal (
    id                   BIGINT        NOT NULL AUTO_INCREMENT,
    title                VARCHAR(200)  NOT NULL,
    content              MEDIUMTEXT    NOT NULL,
    category             VARCHAR(32)   NOT NULL,
    suggestions          MEDIUMTEXT    NOT NULL,
    author_id            VARCHAR(64)   NOT NULL,
    organisation         VARCHAR(128)  NULL,
    status               VARCHAR(16)   NOT NULL,
    key_proposal         TINYINT(1)    NOT NULL DEFAULT 0,
    session_id           VARCHAR(16)   NULL,
    serial               INT           NULL,
    number               VARCHAR(64)   NULL,
    not_filed_reason     VARCHAR(32)   NULL,
    not_filed_note       VARCHAR(1000) NULL,
    forwarded_as_opinion TINYINT(1)    NOT NULL DEFAULT 0,
    merged_into_id       BIGINT        NULL,
    mode                 VARCHAR(16)   NULL,
    handling_round       INT           NOT NULL DEFAULT 1,
    co_signature_deadline DATE         NULL,
    objection_deadline   DATE          NULL,
    co_opinion_deadline  DATE          NULL,
    reply_deadline       DATE          NULL,
    hard_deadline        DATE          NULL,
    feedback_deadline    DATE          NULL,
    publication_deadline DATE          NULL,
    publication_level    VARCHAR(16)   NULL,
    publication_summary  MEDIUMTEXT    NULL,
    published_at         DATETIME(3)   NULL,
    created_at           DATETIME(3)   NOT NULL,
    updated_at           DATETIME(3)   NOT NULL,
    submitted_at         DATETIME(3)   NULL,
    filed_at             DATETIME(3)   NULL,
    assigned_at          DATETIME(3)   NULL,
    replied_at           DATETIME(3)   NULL,
    closed_at            DATETIME(3)   NULL,
    version              BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    -- no duplicate numbers within a session (numbering, DOMAIN.md)
    UNIQUE KEY uk_proposal_session_serial (session_id, serial),
    KEY idx_proposal_status (status),
    KEY idx_proposal_author (author_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE proposal_co_signer (
    proposal_id BIGINT      NOT NULL,
    member_id   VARCHAR(64) NOT NULL,
    status      VARCHAR(16) NOT NULL,
    decided_at  DATETIME(3) NULL,
    PRIMARY KEY (proposal_id, member_id),
    KEY idx_co_signer_member (member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- the units handling a proposal: LEAD, CO or SEPARATE; active = 0 once replaced after an upheld objection
CREATE TABLE proposal_unit (
    proposal_id BIGINT       NOT NULL,
    unit_id     VARCHAR(64)  NOT NULL,
    role        VARCHAR(16)  NOT NULL,
    unit_name   VARCHAR(128) NOT NULL,
    active      TINYINT(1)   NOT NULL DEFAULT 1,
    assigned_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (proposal_id, unit_id, role),
    KEY idx_proposal_unit_unit (unit_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE proposal_history (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    proposal_id BIGINT        NOT NULL,
    occurred_at DATETIME(3)   NOT NULL,
    actor       VARCHAR(64)   NOT NULL,
    action      VARCHAR(48)   NOT NULL,
    from_status VARCHAR(16)   NULL,
    to_status   VARCHAR(16)   NOT NULL,
    note        VARCHAR(2000) NULL,
    PRIMARY KEY (id),
    KEY idx_history_proposal (proposal_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE objection (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    proposal_id      BIGINT        NOT NULL,
    unit_id          VARCHAR(64)   NOT NULL,
    reason           VARCHAR(2000) NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    raised_by        VARCHAR(64)   NOT NULL,
    raised_at        DATETIME(3)   NOT NULL,
    decided_by       VARCHAR(64)   NULL,
    decided_at       DATETIME(3)   NULL,
    new_lead_unit_id VARCHAR(64)   NULL,
    note             VARCHAR(2000) NULL,
    PRIMARY KEY (id),
    KEY idx_objection_proposal (proposal_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE extension (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    proposal_id  BIGINT        NOT NULL,
    unit_id      VARCHAR(64)   NOT NULL,
    new_deadline DATE          NOT NULL,
    reason       VARCHAR(2000) NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    requested_by VARCHAR(64)   NOT NULL,
    requested_at DATETIME(3)   NOT NULL,
    decided_by   VARCHAR(64)   NULL,
    decided_at   DATETIME(3)   NULL,
    note         VARCHAR(2000) NULL,
    PRIMARY KEY (id),
    KEY idx_extension_proposal (proposal_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE communication (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    proposal_id  BIGINT        NOT NULL,
    unit_id      VARCHAR(64)   NOT NULL,
    kind         VARCHAR(16)   NOT NULL,
    happened_at  DATETIME(3)   NOT NULL,
    participants VARCHAR(1000) NOT NULL,
    summary      VARCHAR(4000) NOT NULL,
    recorded_by  VARCHAR(64)   NOT NULL,
    recorded_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY idx_communication_proposal (proposal_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE co_opinion (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    proposal_id  BIGINT      NOT NULL,
    unit_id      VARCHAR(64) NOT NULL,
    opinion      MEDIUMTEXT  NOT NULL,
    submitted_by VARCHAR(64) NOT NULL,
    submitted_at DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    KEY idx_co_opinion_proposal (proposal_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- one reply per unit and handling round (round 2 after re-handling)
CREATE TABLE reply (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    proposal_id   BIGINT       NOT NULL,
    unit_id       VARCHAR(64)  NOT NULL,
    handling_round INT         NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    result_class  VARCHAR(8)   NOT NULL,
    body          MEDIUMTEXT   NOT NULL,
    sections      MEDIUMTEXT   NOT NULL,
    signer        VARCHAR(64)  NOT NULL,
    contact_name  VARCHAR(64)  NOT NULL,
    contact_phone VARCHAR(32)  NOT NULL,
    drafted_by    VARCHAR(64)  NOT NULL,
    updated_at    DATETIME(3)  NOT NULL,
    signed_by     VARCHAR(64)  NULL,
    sent_at       DATETIME(3)  NULL,
    reply_date    DATE         NULL,
    on_time       TINYINT(1)   NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_reply_unit_round (proposal_id, unit_id, handling_round),
    KEY idx_reply_sent (sent_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE feedback (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    proposal_id    BIGINT        NOT NULL,
    member_id      VARCHAR(64)   NOT NULL,
    handling_round INT           NOT NULL,
    rating         VARCHAR(24)   NOT NULL,
    comment        VARCHAR(2000) NULL,
    given_at       DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_feedback_member_round (proposal_id, member_id, handling_round)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- transactional outbox: position stays NULL until the single relay numbers committed rows (docs/events.md)
CREATE TABLE outbox_event (
    id                BIGINT       NOT NULL AUTO_INCREMENT,
    event_id          CHAR(36)     NOT NULL,
    position          BIGINT       NULL,
    type              VARCHAR(64)  NOT NULL,
    occurred_at       DATETIME(3)  NOT NULL,
    aggregate_id      VARCHAR(64)  NOT NULL,
    aggregate_version BIGINT       NOT NULL,
    actor             VARCHAR(64)  NOT NULL,
    payload           MEDIUMTEXT   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_outbox_event_id (event_id),
    UNIQUE KEY uk_outbox_position (position)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- working-day calendar: official holidays and make-up working days (调休); other days follow Mon-Fri
CREATE TABLE calendar_day (
    day  DATE        NOT NULL,
    kind VARCHAR(16) NOT NULL,
    name VARCHAR(64) NOT NULL,
    PRIMARY KEY (day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- once per deadline: the unique key makes a second run (or a second instance) a no-op
CREATE TABLE deadline_notice (
    id            BIGINT      NOT NULL AUTO_INCREMENT,
    proposal_id   BIGINT      NOT NULL,
    deadline_kind VARCHAR(16) NOT NULL,
    unit_id       VARCHAR(64) NOT NULL,
    due_on        DATE        NOT NULL,
    notice_kind   VARCHAR(16) NOT NULL,
    created_at    DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_deadline_notice (proposal_id, deadline_kind, unit_id, due_on, notice_kind)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE idempotency_key (
    idem_key        VARCHAR(128) NOT NULL,
    caller          VARCHAR(64)  NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    response_status INT          NULL,
    response_body   MEDIUMTEXT   NULL,
    location        VARCHAR(255) NULL,
    created_at      DATETIME(3)  NOT NULL,
    PRIMARY KEY (idem_key, caller)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE audit_log (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    occurred_at DATETIME(3)   NOT NULL,
    user_id     VARCHAR(64)   NULL,
    username    VARCHAR(64)   NULL,
    roles       VARCHAR(128)  NULL,
    unit_id     VARCHAR(64)   NULL,
    action      VARCHAR(128)  NOT NULL,
    target_type VARCHAR(32)   NULL,
    target_id   VARCHAR(64)   NULL,
    result      VARCHAR(16)   NOT NULL,
    ip          VARCHAR(64)   NULL,
    user_agent  VARCHAR(255)  NULL,
    request_id  VARCHAR(64)   NULL,
    detail      VARCHAR(1000) NULL,
    PRIMARY KEY (id),
    KEY idx_audit_time (occurred_at),
    KEY idx_audit_user (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
