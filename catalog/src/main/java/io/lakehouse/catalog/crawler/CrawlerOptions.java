package io.lakehouse.catalog.crawler;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * How a crawl runs.
 *
 * @param database the Glue database that receives one table per landing dataset
 * @param incremental look only at folders that are not registered yet (new datasets and new partition folders)
 * @param sampleFilesPerFolder how many files of each partition folder are read to infer the schema, as Glue
 * crawlers sample; 0 reads every file, as the landing connector does
 * @param threads how many files are inferred and partition batches written at once
 */
public record CrawlerOptions(String database, boolean incremental, SchemaChangePolicy schemaChangePolicy, int sampleFilesPerFolder, int threads)
{
    public static final int DEFAULT_SAMPLE_FILES_PER_FOLDER = 1;
    public static final int DEFAULT_THREADS = 8;

    public CrawlerOptions
    {
        requireNonNull(database, "database is null");
        requireNonNull(schemaChangePolicy, "schemaChangePolicy is null");
        checkArgument(sampleFilesPerFolder >= 0, "sampleFilesPerFolder must not be negative");
        checkArgument(threads > 0, "threads must be positive");
    }

    public static CrawlerOptions defaults(String database)
    {
        return new CrawlerOptions(database, false, SchemaChangePolicy.ADD_COLUMNS, DEFAULT_SAMPLE_FILES_PER_FOLDER, DEFAULT_THREADS);
    }

    public CrawlerOptions withIncremental(boolean incremental)
    {
        return new CrawlerOptions(database, incremental, schemaChangePolicy, sampleFilesPerFolder, threads);
    }

    public CrawlerOptions withSchemaChangePolicy(SchemaChangePolicy schemaChangePolicy)
    {
        return new CrawlerOptions(database, incremental, schemaChangePolicy, sampleFilesPerFolder, threads);
    }

    public CrawlerOptions withSampleFilesPerFolder(int sampleFilesPerFolder)
    {
        return new CrawlerOptions(database, incremental, schemaChangePolicy, sampleFilesPerFolder, threads);
    }
}
