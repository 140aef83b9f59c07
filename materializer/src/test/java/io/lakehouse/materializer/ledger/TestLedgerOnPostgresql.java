package io.lakehouse.materializer.ledger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;

import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * Several instances sharing a real PostgreSQL server.
 */
@TestInstance(PER_CLASS)
final class TestLedgerOnPostgresql
        extends AbstractTestLedger
{
    private EmbeddedPostgres postgres;
    private Ledger ledger;

    @BeforeAll
    void open()
            throws IOException
    {
        postgres = EmbeddedPostgres.start();
        ledger = Ledger.open(url(), "postgres", "postgres", clock);
    }

    @AfterAll
    void close()
            throws IOException
    {
        ledger.close();
        postgres.close();
    }

    @Override
    protected Ledger ledger()
    {
        return ledger;
    }

    @Override
    protected Ledger secondInstance()
    {
        return Ledger.open(url(), "postgres", "postgres", clock);
    }

    private String url()
    {
        return postgres.getJdbcUrl("postgres", "postgres");
    }
}
