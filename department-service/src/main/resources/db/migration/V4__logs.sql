-- Login log (等保 2.0: 身份鉴别 / 安全审计): every login attempt with its result, IP and user agent.
CREATE TABLE login_log (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    occurred_at DATETIME(3)  NOT NULL,
    user_id     BIGINT       NULL,
    username    VARCHAR(64)  NOT NULL,
    -- SUCCESS, BAD_CREDENTIALS, LOCKED (this failure locked the account), REJECTED_LOCKED, DISABLED
    result      VARCHAR(32)  NOT NULL,
    ip          VARCHAR(64)  NULL,
    user_agent  VARCHAR(300) NULL,
    request_id  VARCHAR(80)  NULL,
    PRIMARY KEY (id),
    KEY idx_login_occurred (occurred_at),
    KEY idx_login_user (user_id, occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Audit log of every write (docs/DEVELOPING.md "Audit"); the application only appends and prunes.
CREATE TABLE audit_log (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    occurred_at DATETIME(3)  NOT NULL,
    user_id     VARCHAR(64)  NULL,
    username    VARCHAR(64)  NULL,
    roles       VARCHAR(200) NULL,
    unit_id     VARCHAR(32)  NULL,
    action      VARCHAR(64)  NOT NULL,
    target_type VARCHAR(32)  NULL,
    target_id   VARCHAR(64)  NULL,
    result      VARCHAR(16)  NOT NULL,
    ip          VARCHAR(64)  NULL,
    user_agent  VARCHAR(300) NULL,
    request_id  VARCHAR(80)  NULL,
    detail      VARCHAR(500) NULL,
    PRIMARY KEY (id),
    KEY idx_audit_occurred (occurred_at),
    KEY idx_audit_user (user_id, occurred_at),
    KEY idx_audit_action (action, occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
