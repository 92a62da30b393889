-- Idempotency-Key on creating writes (API.md): one row per (key, caller); the stored answer is replayed.
CREATE TABLE idempotency_key (
    idem_key        VARCHAR(128) NOT NULL,
    caller          VARCHAR(64)  NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    response_status INT          NULL,
    response_body   MEDIUMTEXT   NULL,
    location        VARCHAR(300) NULL,
    etag            VARCHAR(64)  NULL,
    created_at      DATETIME(3)  NOT NULL,
    PRIMARY KEY (idem_key, caller),
    KEY idx_idem_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
