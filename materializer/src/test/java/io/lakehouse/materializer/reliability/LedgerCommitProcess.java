package io.lakehouse.materializer.reliability;

import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.ledger.Ledger;

import java.time.Clock;

/**
 * A process that records a run in the ledger and dies the moment the call returns, without closing anything, as
 * {@code kill -9} right after a commit would leave it.
 */
public final class LedgerCommitProcess
{
    private LedgerCommitProcess() {}

    public static void main(String[] args)
    {
        Ledger ledger = Ledger.open(args[0], "sa", "", Clock.systemUTC());
        ledger.runStarted(new RunId(args[1]), "run", "killed-instance");
        Runtime.getRuntime().halt(9);
    }
}
