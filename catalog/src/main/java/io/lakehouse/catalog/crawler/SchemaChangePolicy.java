package io.lakehouse.catalog.crawler;

/**
 * What the crawler does when landing files no longer match their table, as Glue crawlers' update behavior.
 * Columns are never dropped: a column missing from new files is logged and kept, since older partitions hold it.
 */
public enum SchemaChangePolicy
{
    /**
     * Append new columns and widen types the new files need (a new table version records each change).
     */
    ADD_COLUMNS,
    /**
     * Leave the table as it is and only log the difference; new partitions still get the table's schema.
     */
    LOG,
}
