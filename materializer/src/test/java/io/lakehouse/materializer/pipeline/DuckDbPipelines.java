package io.lakehouse.materializer.pipeline;

import com.google.common.base.Splitter;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.joining;

/**
 * The project's pipelines written a second time, independently of {@code sql/}, in DuckDB over the raw landing files
 * of one day: the files as S3Proxy stores them (one plain file per object under the bucket's folder), read with
 * DuckDB's own CSV and JSON readers instead of the landing connector, and the same logic in DuckDB's dialect. Each
 * table of the pipelines becomes a DuckDB table of the same columns, in the same order.
 */
final class DuckDbPipelines
        implements AutoCloseable
{
    // Spark ML's default English stop words, as the seed's StopWordsRemover uses them
    private static final List<String> STOP_WORDS = Splitter.on(' ').splitToList("""
            i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its \
            itself they them their theirs themselves what which who whom this that these those am is are was were be been being \
            have has had having do does did doing a an the and but if or because as until while of at by for with about against \
            between into through during before after above below to from up down in out on off over under again further then \
            once here there when where why how all any both each few more most other some such no nor not only own same so than \
            too very s t can will just don should now i'll you'll he'll she'll we'll they'll i'd you'd he'd she'd we'd they'd \
            i'm you're he's she's it's we're they're i've we've you've they've isn't aren't wasn't weren't haven't hasn't \
            hadn't don't doesn't didn't won't wouldn't shan't shouldn't mustn't can't couldn't cannot could here's how's let's \
            ought that's there's what's when's where's who's why's would""".strip());

    private final Path landing;
    private final Connection connection;

    DuckDbPipelines(Path landing)
            throws SQLException
    {
        this.landing = requireNonNull(landing, "landing is null");
        this.connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    /**
     * Computes every table of the pipelines for {@code ds}, replacing those of the previous day.
     */
    void compute(LocalDate ds)
            throws SQLException
    {
        String day = "DATE '%s'".formatted(ds);
        try (Statement statement = connection.createStatement()) {
            for (DuckDbModel model : ImdbDuckDbModels.models(landing, ds)) {
                statement.execute("CREATE OR REPLACE TABLE %s AS %s".formatted(model.table(), model.query()));
            }

            // user behaviour: the shop's export that was loaded into PostgreSQL, and the vendor's reviews
            statement.execute("""
                    CREATE OR REPLACE TABLE bronze_user_purchase AS
                    WITH purchases AS (
                        SELECT InvoiceNo, StockCode, Description, CAST(Quantity AS INTEGER) AS quantity, strptime(InvoiceDate, '%%m/%%d/%%Y %%H:%%M') AS invoice_date,
                               CAST(UnitPrice AS DECIMAL(8, 3)) AS unit_price, CAST(CustomerID AS INTEGER) AS customer_id, Country
                        FROM read_csv('%s', delim = ',', quote = '"', escape = '"', header = true, all_varchar = true, encoding = 'latin-1')
                    )
                    SELECT *, %s AS insert_date
                    FROM purchases
                    WHERE quantity > 2 AND CAST(invoice_date AS DATE) = %2$s""".formatted(files("online_retail", ds), day));
            statement.execute("""
                    CREATE OR REPLACE TABLE bronze_movie_review AS
                    SELECT CAST(cid AS INTEGER) AS cid, review_str, %s AS insert_date
                    FROM read_csv('%s', delim = ',', quote = '"', escape = '"', header = true, all_varchar = true)""".formatted(day, files("movie_review", ds)));
            statement.execute("""
                    CREATE OR REPLACE TABLE silver_movie_review_clean AS
                    WITH cleaned AS (
                        SELECT cid, list_filter(string_split_regex(lower(review_str), '\\s'), token -> NOT list_contains(%s, token)) AS review_tokens, insert_date
                        FROM bronze_movie_review
                    )
                    SELECT cid, review_tokens, list_contains(review_tokens, 'good') AS positive_review, insert_date
                    FROM cleaned""".formatted(STOP_WORDS.stream().map(word -> "'" + word.replace("'", "''") + "'").collect(joining(", ", "[", "]"))));
            statement.execute("""
                    CREATE OR REPLACE TABLE gold_user_behavior_metric AS
                    WITH purchases AS (
                        SELECT customer_id, sum(quantity * unit_price) AS amount_spent
                        FROM bronze_user_purchase
                        WHERE customer_id IS NOT NULL
                        GROUP BY customer_id
                    ),
                    reviews AS (
                        SELECT cid, count_if(positive_review) AS review_score, count(*) AS review_count
                        FROM silver_movie_review_clean
                        GROUP BY cid
                    )
                    SELECT p.customer_id, CAST(p.amount_spent AS DECIMAL(18, 5)), CAST(r.review_score AS INTEGER), CAST(r.review_count AS INTEGER), %s
                    FROM purchases p
                    JOIN reviews r ON r.cid = p.customer_id""".formatted(day));

            // customer feed: JSON lines, nested
            statement.execute("""
                    CREATE OR REPLACE TABLE customers AS
                    SELECT customer_id, name.first, name.last, contact.email, contact.phone, address.street, address.city, address.postal_code,
                           address.country, loyalty.tier, loyalty.points, loyalty.member_since, preferences.newsletter, preferences.channels,
                           -- DuckDB's JSON reader keeps ISO timestamps with a 'T' as text
                           CAST(updated_at AS TIMESTAMP), %s
                    FROM read_json('%s', format = 'newline_delimited')""".formatted(day, files("customer_feed", ds)));
        }
    }

    ResultSet query(String sql)
            throws SQLException
    {
        return connection.createStatement().executeQuery(sql);
    }

    private String files(String dataset, LocalDate ds)
    {
        return landing.resolve(dataset).resolve("ds=" + ds).resolve("*").toString();
    }

    @Override
    public void close()
            throws SQLException
    {
        connection.close();
    }
}
