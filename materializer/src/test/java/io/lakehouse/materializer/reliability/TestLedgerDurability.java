package io.lakehouse.materializer.reliability;

import io.lakehouse.materializer.execution.RunId;
import io.lakehouse.materializer.ledger.Ledger;
import io.lakehouse.materializer.ledger.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

final class TestLedgerDurability
{
    @Test
    void aChangeOfTheH2LedgerSurvivesAProcessKilledRightAfterTheCall(@TempDir Path directory)
            throws Exception
    {
        String url = "jdbc:h2:file:" + directory.resolve("ledger") + ";AUTO_SERVER=TRUE";
        int trials = 3;
        int survived = 0;
        for (int trial = 1; trial <= trials; trial++) {
            Path output = directory.resolve("process-%s.log".formatted(trial));
            Process process = JavaProcess.start(LedgerCommitProcess.class, List.of(url, "killed_" + trial), output);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as("output: %s", Files.readString(output)).isEqualTo(9);
            try (Ledger ledger = Ledger.open(url, "sa", "", Clock.systemUTC())) {
                if (ledger.run(new RunId("killed_" + trial)).map(RunRecord::instance).isPresent()) {
                    survived++;
                }
            }
        }
        System.out.println("ledger durability: commits surviving an immediate kill: %s/%s".formatted(survived, trials));
        assertThat(survived).isEqualTo(trials);
    }
}
