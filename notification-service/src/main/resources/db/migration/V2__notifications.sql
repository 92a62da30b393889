-- Where the consumer of proposal-service's event feed stands (one row per feed).
CREATE TABLE feed_cursor (
    feed       VARCHAR(64) NOT NULL,
    position   BIGINT      NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    PRIMARY KEY (feed)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

INSERT INTO feed_cursor (feed, position, updated_at) VALUES ('proposal-events', 0, UTC_TIMESTAMP(3));

-- In-app inbox: one row per (event, recipient); a second apply of the same event inserts nothing.
CREATE TABLE notification (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    event_id     VARCHAR(64)  NOT NULL,
    recipient_id VARCHAR(64)  NOT NULL,
    kind         VARCHAR(40)  NOT NULL,
    event_type   VARCHAR(64)  NOT NULL,
    proposal_id  VARCHAR(64),
    title        VARCHAR(500) NOT NULL,
    body         TEXT         NOT NULL,
    created_at   DATETIME(3)  NOT NULL,
    read_at      DATETIME(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_notification_event_recipient (event_id, recipient_id),
    KEY ix_notification_recipient (recipient_id, id),
    KEY ix_notification_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Outgoing messages (EMAIL, SMS, WEBHOOK) and deferred fan-outs (GROUP): one row per (event, recipient, channel).
-- Workers claim rows (claimed_by, claimed_until); message_id is what the receiver sees, the same on every retry.
CREATE TABLE delivery (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    message_id      VARCHAR(64)  NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    event_type      VARCHAR(64)  NOT NULL,
    recipient       VARCHAR(128) NOT NULL,
    channel         VARCHAR(16)  NOT NULL,
    kind            VARCHAR(40),
    subject         VARCHAR(500),
    body            MEDIUMTEXT   NOT NULL,
    state           VARCHAR(24)  NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(3)  NOT NULL,
    claimed_by      VARCHAR(80),
    claimed_until   DATETIME(3),
    last_status     INT,
    last_error      VARCHAR(500),
    created_at      DATETIME(3)  NOT NULL,
    updated_at      DATETIME(3)  NOT NULL,
    sent_at         DATETIME(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_delivery_event_recipient_channel (event_id, recipient, channel),
    UNIQUE KEY uk_delivery_message (message_id),
    KEY ix_delivery_due (state, next_attempt_at),
    KEY ix_delivery_recipient (recipient, channel)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Every send attempt, for the webhook delivery log and for diagnosing dead letters.
CREATE TABLE delivery_attempt (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    delivery_id  BIGINT       NOT NULL,
    attempt      INT          NOT NULL,
    attempted_at DATETIME(3)  NOT NULL,
    status_code  INT,
    outcome      VARCHAR(24)  NOT NULL,
    error        VARCHAR(500),
    PRIMARY KEY (id),
    KEY ix_attempt_delivery (delivery_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Per person: language of messages and paid channels per kind of event (in-app is always on).
CREATE TABLE notification_preference (
    user_id    VARCHAR(64) NOT NULL,
    locale     VARCHAR(10) NOT NULL,
    channels   TEXT        NOT NULL,
    version    INT         NOT NULL DEFAULT 0,
    updated_at DATETIME(3) NOT NULL,
    PRIMARY KEY (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- SMS counters per fixed hour window, shared by all instances (incremented atomically).
CREATE TABLE sms_rate_counter (
    scope        VARCHAR(80) NOT NULL,
    window_start DATETIME    NOT NULL,
    sent         INT         NOT NULL,
    PRIMARY KEY (scope, window_start)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE webhook_subscription (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    owner           VARCHAR(64)   NOT NULL,
    url             VARCHAR(2000) NOT NULL,
    events          VARCHAR(2000) NOT NULL,
    secret          VARCHAR(200)  NOT NULL,
    enabled         TINYINT(1)    NOT NULL DEFAULT 1,
    disabled_reason VARCHAR(200),
    created_at      DATETIME(3)   NOT NULL,
    updated_at      DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_webhook_owner (owner)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Hosts an ADMIN allowed although they resolve to private/loopback addresses.
CREATE TABLE webhook_allowed_host (
    host       VARCHAR(255) NOT NULL,
    added_by   VARCHAR(64)  NOT NULL,
    added_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (host)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Audit trail of writes (DEVELOPING.md), append-only for the application.
CREATE TABLE audit_log (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    occurred_at DATETIME(3)  NOT NULL,
    user_id     VARCHAR(64),
    username    VARCHAR(100),
    roles       VARCHAR(200),
    unit_id     VARCHAR(64),
    action      VARCHAR(64)  NOT NULL,
    target_type VARCHAR(64),
    target_id   VARCHAR(64),
    result      VARCHAR(16)  NOT NULL,
    ip          VARCHAR(64),
    user_agent  VARCHAR(300),
    request_id  VARCHAR(64),
    detail      VARCHAR(1000),
    PRIMARY KEY (id),
    KEY ix_audit_user (user_id, occurred_at),
    KEY ix_audit_action (action, occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
