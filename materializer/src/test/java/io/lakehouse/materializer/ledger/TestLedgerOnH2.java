package io.lakehouse.materializer.ledger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The embedded default: an H2 file that a second process opens through H2's automatic server mode.
 */
@TestInstance(PER_CLASS)
final class TestLedgerOnH2
        extends AbstractTestLedger
{
    private Path directory;
    private Ledger ledger;

    @BeforeAll
    void open()
            throws IOException
    {
        directory = Files.createTempDirectory("ledger");
        ledger = Ledger.open(url(), "sa", "", clock);
    }

    @AfterAll
    void close()
            throws IOException
    {
        ledger.close();
        deleteRecursively(directory, ALLOW_INSECURE);
    }

    @Override
    protected Ledger ledger()
    {
        return ledger;
    }

    @Override
    protected Ledger secondInstance()
    {
        return Ledger.open(url(), "sa", "", clock);
    }

    private String url()
    {
        return "jdbc:h2:file:" + directory.resolve("ledger") + ";AUTO_SERVER=TRUE";
    }
}
