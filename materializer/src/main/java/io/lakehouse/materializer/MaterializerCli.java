package io.lakehouse.materializer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The {@code materializer} command line: {@code plan}, {@code run}, {@code backfill}, {@code status}, {@code runs}, {@code rollback} and {@code generate}.
 */
@Command(
        name = "materializer",
        description = "Builds the lakehouse's SQL models (sql/<pipeline>/<layer>/<model>.sql) as tables through Trino.",
        mixinStandardHelpOptions = true,
        version = "lakehouse-materializer 0.1.0-SNAPSHOT",
        subcommands = {PlanCommand.class, RunCommand.class, BackfillCommand.class, StatusCommand.class, RunsCommand.class, RollbackCommand.class, ServeCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class})
public final class MaterializerCli
{
    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors")
    boolean debug;

    public static void main(String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine()
    {
        MaterializerCli cli = new MaterializerCli();
        return new CommandLine(cli)
                .setExecutionExceptionHandler(new ErrorPrinter(cli))
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    /**
     * Errors of models, dependencies and Trino carry a message written for the user; print it, not a stack trace.
     */
    private record ErrorPrinter(MaterializerCli cli)
            implements IExecutionExceptionHandler
    {
        @Override
        public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult)
        {
            commandLine.getErr().println("Error: " + exception.getMessage());
            if (cli.debug) {
                exception.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return 1;
        }
    }
}
