-- Handling units (承办单位) as a tree, and the accounts of people (members, committee staff, unit staff,
-- administrators, auditors). Ids are fixed for seeded rows (1..99 provincial bodies, 101..113 cities).
CREATE TABLE unit (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    code             VARCHAR(32)  NOT NULL,
    name             VARCHAR(100) NOT NULL,
    short_name       VARCHAR(50)  NULL,
    type             VARCHAR(32)  NOT NULL,
    parent_id        BIGINT       NULL,
    responsibilities TEXT         NULL,
    contact          VARCHAR(200) NULL,
    active           BOOLEAN      NOT NULL DEFAULT TRUE,
    version          INT          NOT NULL DEFAULT 0,
    created_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_unit_code (code),
    KEY idx_unit_parent (parent_id),
    CONSTRAINT fk_unit_parent FOREIGN KEY (parent_id) REFERENCES unit (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 AUTO_INCREMENT = 1000;

CREATE TABLE user_account (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    username         VARCHAR(64)  NOT NULL,
    password_hash    VARCHAR(200) NOT NULL,
    display_name     VARCHAR(64)  NOT NULL,
    -- comma separated: MEMBER, COMMITTEE, UNIT_HANDLER, UNIT_LEADER, ADMIN, AUDITOR
    roles            VARCHAR(200) NOT NULL,
    unit_id          BIGINT       NULL,
    sector           VARCHAR(64)  NULL,
    phone            VARCHAR(32)  NULL,
    email            VARCHAR(128) NULL,
    id_number        VARCHAR(32)  NULL,
    enabled          BOOLEAN      NOT NULL DEFAULT TRUE,
    failed_count     INT          NOT NULL DEFAULT 0,
    first_failed_at  DATETIME(3)  NULL,
    locked_until     DATETIME(3)  NULL,
    password_changed_at DATETIME(3) NULL,
    version          INT          NOT NULL DEFAULT 0,
    created_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_user_username (username),
    KEY idx_user_unit (unit_id),
    CONSTRAINT fk_user_unit FOREIGN KEY (unit_id) REFERENCES unit (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 AUTO_INCREMENT = 10000;
