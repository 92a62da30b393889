-- Refresh tokens are stored only as SHA-256 hashes. A family is every token descended from one
-- login: presenting a token that was already rotated revokes the whole family (reuse detection).
CREATE TABLE refresh_token (
    id                  BIGINT      NOT NULL AUTO_INCREMENT,
    token_hash          CHAR(64)    NOT NULL,
    family_id           CHAR(36)    NOT NULL,
    user_id             BIGINT      NOT NULL,
    issued_at           DATETIME(3) NOT NULL,
    idle_expires_at     DATETIME(3) NOT NULL,
    absolute_expires_at DATETIME(3) NOT NULL,
    revoked_at          DATETIME(3) NULL,
    revoke_reason       VARCHAR(32) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_refresh_hash (token_hash),
    KEY idx_refresh_family (family_id),
    KEY idx_refresh_user (user_id),
    CONSTRAINT fk_refresh_user FOREIGN KEY (user_id) REFERENCES user_account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- OAuth2 clients: integrating government systems (INTEGRATION) and our own services (SERVICE).
CREATE TABLE oauth_client (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    client_id    VARCHAR(64)  NOT NULL,
    secret_hash  VARCHAR(200) NOT NULL,
    name         VARCHAR(100) NOT NULL,
    scopes       VARCHAR(300) NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    enabled      BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at   DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_client_id (client_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Token signing keys (RS256). One ACTIVE key signs; RETIRED keys stay published in the JWKS until
-- every token they signed has expired. private_key is NULL for a key supplied by the environment.
CREATE TABLE signing_key (
    kid          VARCHAR(64)  NOT NULL,
    public_jwk   TEXT         NOT NULL,
    private_key  TEXT         NULL,
    status       VARCHAR(16)  NOT NULL,
    created_at   DATETIME(3)  NOT NULL,
    retired_at   DATETIME(3)  NULL,
    PRIMARY KEY (kid),
    KEY idx_signing_status (status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
