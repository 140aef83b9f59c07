package io.lakehouse.trino.files;

import com.google.common.collect.ImmutableList;
import com.google.inject.Provider;
import io.airlift.slice.Slice;
import io.lakehouse.trino.landing.LandingDatasets;
import io.lakehouse.trino.landing.LandingFormat;
import io.lakehouse.trino.landing.LandingTableHandle;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.ConnectorAccessControl;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.function.table.AbstractConnectorTableFunction;
import io.trino.spi.function.table.Argument;
import io.trino.spi.function.table.Descriptor;
import io.trino.spi.function.table.ScalarArgument;
import io.trino.spi.function.table.ScalarArgumentSpecification;
import io.trino.spi.function.table.TableFunctionAnalysis;

import java.util.Map;
import java.util.Optional;

import static io.trino.spi.StandardErrorCode.INVALID_FUNCTION_ARGUMENT;
import static io.trino.spi.function.table.ReturnTypeSpecification.GenericTable.GENERIC_TABLE;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * {@code TABLE(lakehouse.system.read_files(path => 's3://bucket/folder/', format => 'csv'))}: files outside the
 * landing zone's dataset folders, read with the same inference, options sidecar and decoders as a landing table.
 */
public final class ReadFilesTableFunction
        extends AbstractConnectorTableFunction
{
    public static final String SCHEMA = "system";
    public static final String NAME = "read_files";

    private final Provider<LandingDatasets> landing;

    public ReadFilesTableFunction(Provider<LandingDatasets> landing)
    {
        super(SCHEMA, NAME, ImmutableList.of(
                        ScalarArgumentSpecification.builder().name("PATH").type(VARCHAR).build(),
                        ScalarArgumentSpecification.builder().name("FORMAT").type(VARCHAR).defaultValue(null).build()),
                GENERIC_TABLE);
        this.landing = requireNonNull(landing, "landing is null");
    }

    @Override
    public TableFunctionAnalysis analyze(ConnectorSession session, ConnectorTransactionHandle transaction, Map<String, Argument> arguments, ConnectorAccessControl accessControl)
    {
        String path = text(arguments, "PATH").orElseThrow(() -> new TrinoException(INVALID_FUNCTION_ARGUMENT, "read_files needs a path such as 's3://bucket/folder/'"));
        Optional<LandingFormat> format = text(arguments, "FORMAT").map(name -> LandingFormat.fromName(name)
                .orElseThrow(() -> new TrinoException(INVALID_FUNCTION_ARGUMENT, "read_files format '%s' is not one of tsv, csv, json".formatted(name))));
        LandingTableHandle table = landing.get().describe(session, new SchemaTableName(SCHEMA, NAME), path, format)
                .orElseThrow(() -> new TrinoException(INVALID_FUNCTION_ARGUMENT, "read_files found no data file at %s".formatted(path)));
        return TableFunctionAnalysis.builder()
                .returnedType(new Descriptor(table.columns().stream()
                        .map(column -> new Descriptor.Field(column.name(), Optional.of(column.type())))
                        .collect(ImmutableList.toImmutableList())))
                .handle(new ReadFilesFunctionHandle(table))
                .build();
    }

    private static Optional<String> text(Map<String, Argument> arguments, String name)
    {
        Object value = ((ScalarArgument) arguments.get(name)).getValue();
        return Optional.ofNullable((Slice) value).map(Slice::toStringUtf8);
    }
}
