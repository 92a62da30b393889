-- Idempotency-Key of creating writes (API.md): the same key and body again returns the first answer.
CREATE TABLE idempotency_record (
    owner        VARCHAR(64)  NOT NULL,
    idem_key     VARCHAR(100) NOT NULL,
    request_hash CHAR(64)     NOT NULL,
    resource_id  VARCHAR(64),
    created_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (owner, idem_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
