package org.qnetstack.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.qnetstack.api.InvalidConfigurationException;
import org.qnetstack.api.SimulationException;
import org.qnetstack.examples.bench.BenchCommand;
import org.qnetstack.examples.stages.StagesCli;
import org.qnetstack.study.spark.StudyCommand;
import org.qnetstack.examples.sweep.SweepCommand;
import org.qnetstack.hal.ConfigurationException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The examples' command line: every subcommand is registered here, one class each. Several examples may be
 * given in one line ({@code qkd teleport}), each with its own options, and run in turn; none runs the demo.
 * Exit codes: 0 ok, 1 a run failed, 2 bad usage or configuration.
 */
public final class Cli {
    /** Exit code of a run that failed. */
    public static final int FAILED = 1;
    /** Exit code of bad usage or a bad configuration. */
    public static final int USAGE = 2;

    private Cli() {
    }

    /** The command line with every subcommand, printing to {@code out} and {@code err}. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        Io io = new Io(out, err);
        CommandLine cli = new CommandLine(new DemoCommand(io));
        cli.setDefaultValueProvider(arg -> arg instanceof OptionSpec o && o.longestName().equals("--config")
                ? DemoCommand.CONFIG : null);
        List<Object> subcommands = new java.util.ArrayList<>(List.of(new QkdCommand(io), new TeleportCommand(io),
                new EavesdropCommand(io), new ChshCommand(io), new GhzCommand(io), new ChainCommand(io),
                new SweepCommand(out, err), new BenchCommand(out), new DeployedCommand.World(io),
                new DeployedCommand.Node(io)));
        subcommands.addAll(StagesCli.commands(out));
        subcommands.add(new StudyCommand());
        for (Object command : subcommands) {
            CommandLine sub = new CommandLine(command);
            if (command instanceof ExampleCommand example) {
                sub.setDefaultValueProvider(example::defaultValue);
                String description = example.configDescription();
                if (description != null) {
                    CommandSpec spec = sub.getCommandSpec();
                    OptionSpec config = spec.findOption("--config");
                    spec.remove(config);
                    spec.addOption(OptionSpec.builder(config).description(description).build());
                }
            }
            cli.addSubcommand(sub);
        }
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage().hidden(false)
                .description("print the bash/zsh completion script of this command line: "
                        + "source <(examples completion)");
        cli.addSubcommand("completion", completion);
        // "node --program qkd": a command's name may be an option's value (set once every command is added)
        cli.setAllowSubcommandsAsOptionParameters(true);
        cli.setOut(writer(out));
        cli.setErr(writer(err));
        cli.setExecutionStrategy(parsed -> execute(parsed, err));
        cli.setParameterExceptionHandler(Cli::usageError);
        return cli;
    }

    /** Runs the command line; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = commandLine(out, err);
        try {
            return cli.execute(args);
        } finally {
            cli.getOut().flush();
            cli.getErr().flush();
            out.flush();
            err.flush();
        }
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    /** Help and version first; then the demo, or each subcommand in the order given. */
    private static int execute(ParseResult parsed, PrintStream err) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        List<ParseResult> subcommands = parsed.subcommands();
        if (subcommands.isEmpty()) {
            return call(parsed.commandSpec(), err);
        }
        if (!parsed.matchedOptions().isEmpty()) {
            throw new ParameterException(parsed.commandSpec().commandLine(), "the options before '"
                    + subcommands.get(0).commandSpec().name() + "' belong to the demo: put them after the subcommand ("
                    + "examples " + subcommands.get(0).commandSpec().name() + " " + String.join(" ",
                    parsed.originalArgs().subList(0, parsed.originalArgs().indexOf(
                            subcommands.get(0).commandSpec().name()))) + ")");
        }
        for (ParseResult sub : subcommands) {
            int code = call(sub.commandSpec(), err);
            if (code != 0) {
                return code;
            }
        }
        return 0;
    }

    /** One command, its failures mapped to exit codes with a message that says what went wrong. */
    private static int call(CommandSpec spec, PrintStream err) {
        Object command = spec.userObject();
        try {
            if (command instanceof Callable<?> c) {
                Object code = c.call();
                return code instanceof Integer i ? i : 0;
            }
            ((Runnable) command).run();
            return 0;
        } catch (ParameterException e) {
            throw e;
        } catch (ConfigurationException | InvalidConfigurationException | IllegalArgumentException e) {
            err.println("configuration error: " + e.getMessage());
            return USAGE;
        } catch (SimulationException | UncheckedIOException e) {
            err.println("run failed: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ExecutionException(spec.commandLine(), spec.name() + " failed: " + e, e);
        }
    }

    /** A usage error: what is wrong, the closest option names, the synopsis and where the help is. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("error: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.print("usage: " + cli.getHelp().synopsis(0));
        err.println("see: " + cli.getCommandSpec().qualifiedName() + " --help");
        err.flush();
        return USAGE;
    }

    /**
     * A command as it was given, without {@code --count} and the output options: the start of a suggested
     * command line ({@code examples qkd --config FILE --seed 7}).
     */
    static String given(CommandSpec spec) {
        StringBuilder b = new StringBuilder("examples");
        if (spec.parent() != null) {
            b.append(' ').append(spec.name());
        }
        ParseResult parsed = spec.commandLine().getParseResult();
        if (parsed != null) {
            for (OptionSpec o : parsed.matchedOptions()) {
                if (!List.of("--count", "--json", "--quiet", "--verbose").contains(o.longestName())) {
                    b.append(' ').append(o.longestName());
                    o.originalStringValues().forEach(v -> b.append(' ').append(v));
                }
            }
        }
        return b.toString();
    }

    /** The project's version, from the POM (filtered into the resource at build time). */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Cli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"qnetstack examples " + p.getProperty("version", "(version unknown)"),
                "Java " + System.getProperty("java.version") + ", " + System.getProperty("java.vm.name")};
        }
    }
}
