-- The materializer's ledger. Plain SQL that H2 and PostgreSQL both run; times are UTC.
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR(64) PRIMARY KEY,
    command VARCHAR(32) NOT NULL,
    instance VARCHAR(256) NOT NULL,
    state VARCHAR(16) NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    message VARCHAR
);

-- one row per model and interval of a run
CREATE TABLE IF NOT EXISTS tasks (
    run_id VARCHAR(64) NOT NULL,
    model VARCHAR(512) NOT NULL,
    interval_start TIMESTAMP NOT NULL,
    interval_end TIMESTAMP NOT NULL,
    state VARCHAR(16) NOT NULL,
    attempts INTEGER NOT NULL,
    rows_written BIGINT,
    query_id VARCHAR(64),
    error VARCHAR,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    PRIMARY KEY (run_id, model, interval_start)
);

CREATE TABLE IF NOT EXISTS attempts (
    run_id VARCHAR(64) NOT NULL,
    model VARCHAR(512) NOT NULL,
    interval_start TIMESTAMP NOT NULL,
    attempt INTEGER NOT NULL,
    instance VARCHAR(256) NOT NULL,
    state VARCHAR(16) NOT NULL,
    rows_written BIGINT,
    query_id VARCHAR(64),
    checks VARCHAR,
    error VARCHAR,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    PRIMARY KEY (run_id, model, interval_start, attempt)
);

-- the latest outcome per model and interval: what catch-up and backfill read
CREATE TABLE IF NOT EXISTS intervals (
    model VARCHAR(512) NOT NULL,
    interval_start TIMESTAMP NOT NULL,
    interval_end TIMESTAMP NOT NULL,
    state VARCHAR(16) NOT NULL,
    run_id VARCHAR(64) NOT NULL,
    rows_written BIGINT,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (model, interval_start)
);

-- who executes a model's interval now; a lease past its expiry may be taken over
CREATE TABLE IF NOT EXISTS leases (
    model VARCHAR(512) NOT NULL,
    interval_start TIMESTAMP NOT NULL,
    owner VARCHAR(256) NOT NULL,
    run_id VARCHAR(64) NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    PRIMARY KEY (model, interval_start)
);

-- published data of a table (partition_value '') or of one partition: CURRENT, RETAINED (kept for rollback) or EXPIRED (data deleted)
CREATE TABLE IF NOT EXISTS versions (
    model VARCHAR(512) NOT NULL,
    partition_value VARCHAR(256) NOT NULL,
    run_id VARCHAR(64) NOT NULL,
    location VARCHAR(2048) NOT NULL,
    columns_json VARCHAR NOT NULL,
    rows_written BIGINT,
    state VARCHAR(16) NOT NULL,
    published_at TIMESTAMP NOT NULL,
    PRIMARY KEY (model, partition_value, run_id)
);

-- column-level lineage of each model's table, as Trino's analyzer reported it for the model's latest published task:
-- one row per column and source column (source NULL for a column computed from none, source_position 0)
CREATE TABLE IF NOT EXISTS lineage (
    model VARCHAR(512) NOT NULL,
    column_position INTEGER NOT NULL,
    source_position INTEGER NOT NULL,
    column_name VARCHAR(512) NOT NULL,
    column_type VARCHAR NOT NULL,
    source_catalog VARCHAR(256),
    source_schema VARCHAR(256),
    source_table VARCHAR(512),
    source_column VARCHAR(512),
    run_id VARCHAR(64) NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (model, column_position, source_position)
);
