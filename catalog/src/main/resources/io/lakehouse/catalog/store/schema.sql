-- Every Glue entity is kept as the JSON document the client sent plus server-set fields.
-- Identity (names, partition values hash, version) lives in key columns, so that renames
-- cascade through foreign keys. Plain SQL types only: this script also has to run on PostgreSQL.

CREATE TABLE IF NOT EXISTS glue_databases (
    database_name VARCHAR(255) NOT NULL,
    document TEXT NOT NULL,
    PRIMARY KEY (database_name)
);

CREATE TABLE IF NOT EXISTS glue_tables (
    database_name VARCHAR(255) NOT NULL,
    table_name VARCHAR(255) NOT NULL,
    version_id BIGINT NOT NULL,
    document TEXT NOT NULL,
    PRIMARY KEY (database_name, table_name),
    FOREIGN KEY (database_name) REFERENCES glue_databases (database_name) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE IF NOT EXISTS glue_table_versions (
    database_name VARCHAR(255) NOT NULL,
    table_name VARCHAR(255) NOT NULL,
    version_id BIGINT NOT NULL,
    document TEXT NOT NULL,
    PRIMARY KEY (database_name, table_name, version_id),
    FOREIGN KEY (database_name, table_name) REFERENCES glue_tables (database_name, table_name) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE IF NOT EXISTS glue_partitions (
    database_name VARCHAR(255) NOT NULL,
    table_name VARCHAR(255) NOT NULL,
    partition_id CHAR(64) NOT NULL,
    segment_hash INTEGER NOT NULL,
    document TEXT NOT NULL,
    PRIMARY KEY (database_name, table_name, partition_id),
    FOREIGN KEY (database_name, table_name) REFERENCES glue_tables (database_name, table_name) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE IF NOT EXISTS glue_table_column_statistics (
    database_name VARCHAR(255) NOT NULL,
    table_name VARCHAR(255) NOT NULL,
    column_name VARCHAR(255) NOT NULL,
    document TEXT NOT NULL,
    PRIMARY KEY (database_name, table_name, column_name),
    FOREIGN KEY (database_name, table_name) REFERENCES glue_tables (database_name, table_name) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE IF NOT EXISTS glue_partition_column_statistics (
    database_name VARCHAR(255) NOT NULL,
    table_name VARCHAR(255) NOT NULL,
    partition_id CHAR(64) NOT NULL,
    column_name VARCHAR(255) NOT NULL,
    document TEXT NOT NULL,
    PRIMARY KEY (database_name, table_name, partition_id, column_name),
    FOREIGN KEY (database_name, table_name, partition_id) REFERENCES glue_partitions (database_name, table_name, partition_id) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE IF NOT EXISTS glue_functions (
    database_name VARCHAR(255) NOT NULL,
    function_name VARCHAR(255) NOT NULL,
    document TEXT NOT NULL,
    PRIMARY KEY (database_name, function_name),
    FOREIGN KEY (database_name) REFERENCES glue_databases (database_name) ON DELETE CASCADE ON UPDATE CASCADE
);
