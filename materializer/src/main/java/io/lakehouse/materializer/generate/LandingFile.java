package io.lakehouse.materializer.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;

import static com.google.common.base.Preconditions.checkArgument;
import static io.lakehouse.materializer.generate.TsvValues.requireTsvSafe;
import static java.util.Objects.requireNonNull;

/**
 * A generated landing file of one day: {@code <dataset>/ds=<date>/<file name>} below the landing location, so the
 * dataset is table {@code lakehouse.landing.<dataset>} with the date partition column {@code ds}.
 */
public record LandingFile(String dataset, LocalDate ds, String fileName, Content content)
{
    /**
     * Writes the file's bytes, compressed as its name says.
     */
    @FunctionalInterface
    public interface Content
    {
        /**
         * @return the number of records written
         */
        long writeTo(OutputStream output)
                throws IOException;
    }

    public LandingFile
    {
        requireTsvSafe(dataset, "dataset");
        requireNonNull(ds, "ds is null");
        requireTsvSafe(fileName, "fileName");
        checkArgument(dataset.matches("[a-z][a-z0-9_]*"), "dataset must be a lower-case table name: %s", dataset);
        checkArgument(!fileName.contains("/") && !fileName.startsWith(".") && !fileName.startsWith("_"), "file name must be visible and without '/': %s", fileName);
        requireNonNull(content, "content is null");
    }

    public String key()
    {
        return "%s/ds=%s/%s".formatted(dataset, ds, fileName);
    }
}
