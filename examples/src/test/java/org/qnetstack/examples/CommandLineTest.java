package org.qnetstack.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qnetstack.examples.cli.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The command line: every subcommand's help lists its options with their defaults; bad usage exits 2 and says why. */
class CommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Every option of every command appears in its --help, and each one with a default shows it. */
    @ParameterizedTest
    @ValueSource(strings = {"", "qkd", "teleport", "eavesdrop", "chsh", "ghz", "chain", "sweep", "bench", "world",
        "node", "stages", "bb84", "blind", "relay", "anonymous", "cnot", "study"})
    void helpListsEveryOptionWithItsDefault(String command) {
        assertEquals(0, command.isEmpty() ? run("--help") : run(command, "--help"), err());
        String help = out();
        CommandLine cli = Cli.commandLine(System.out, System.err);
        CommandLine c = command.isEmpty() ? cli : cli.getSubcommands().get(command);
        for (OptionSpec o : c.getCommandSpec().options()) {
            assertTrue(help.contains(o.longestName()), command + " --help lacks " + o.longestName() + ":\n" + help);
            String defaultValue = c.getCommandSpec().defaultValueProvider() == null ? o.defaultValue()
                    : defaultOf(c, o);
            if (defaultValue != null) {
                // picocli wraps long lines anywhere, so compare without white space
                assertTrue(help.replaceAll("\\s+", "").contains("(default:" + defaultValue.replaceAll("\\s+", "")),
                        command + " --help does not show " + o.longestName() + "'s default " + defaultValue + ":\n"
                                + help);
            }
        }
        assertFalse(help.contains("(default: null)"), help);
    }

    private static String defaultOf(CommandLine c, OptionSpec o) {
        try {
            String d = c.getCommandSpec().defaultValueProvider().defaultValue(o);
            return d != null ? d : o.defaultValue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theTopLevelHelpListsEverySubcommand() {
        assertEquals(0, run("--help"));
        for (String command : List.of("qkd", "teleport", "eavesdrop", "chsh", "ghz", "chain", "sweep", "bench",
                "world", "node", "completion")) {
            assertTrue(out().contains("  " + command + " "), command + " missing:\n" + out());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "qkd --frobnicate | Unknown option: '--frobnicate'",
        "qkd --count 0 | --count must be ≥ 1 (was 0)",
        "qkd --count many | Invalid value for option '--count': 'many' is not an int",
        "teleport --min-fidelity 1.5 | --min-fidelity must be in [0, 1] (was 1.5)",
        "eavesdrop --runs 0 | --runs must be ≥ 1 (was 0)",
        "qkd --detectors usb | expected one of [sim, serial]",
        "bench --only kernel,warp | --only: unknown scenario(s) [warp]",
        "node --config net.yaml | Missing required option: '--node=NAME'",
        "--seed 7 qkd | the options before 'qkd' belong to the demo: put them after the subcommand",
        "qkd --sed 7 | Possible solutions: --seed",
        "teleport --cutoff soon | --cutoff must be a duration (e.g. 2ms), auto or none (was soon)",
        "teleport --cutoff 0.1ns | --cutoff must be at least 1 ns, or none (was 0.1ns)",
        "qkd --rate 0 | --rate must be finite and > 0 (was 0.0)",
        "qkd --distillation SOME | expected one of [NONE, DEJMPS, BBPSSW, AUTO]"})
    void aBadOptionExitsWithTwoAndSaysWhatIsWrong(String line, String message) {
        assertEquals(2, run(line.trim().split(" ")), out());
        assertTrue(err().contains(message), "'" + line + "' should say \"" + message + "\":\n" + err());
        assertTrue(err().contains("--help"), "points to the help:\n" + err());
    }

    /** A command's name as an option's value is the value ("node --program qkd"), not the next command. */
    @Test
    void aCommandNameCanBeAnOptionValue() {
        CommandLine cli = Cli.commandLine(System.out, System.err);
        var parsed = cli.parseArgs("node", "--node", "alice", "--program", "qkd", "--config", "net.yaml");
        assertEquals(1, parsed.subcommands().size());
        assertEquals("qkd", parsed.subcommands().get(0).matchedOptionValue("--program", ""));
    }

    @Test
    void versionAndCompletion() {
        assertEquals(0, run("--version"));
        assertTrue(out().startsWith("qnetstack examples "), out());
        assertFalse(out().contains("${project.version}"), "the version is filtered in from the POM: " + out());
        out.reset();
        assertEquals(0, run("completion"));
        assertTrue(out().contains("complete -F _complete_examples"), "a bash completion script:\n" + out());
        assertTrue(out().contains("teleport") && out().contains("--min-fidelity"), out());
    }

    /** Each example prints its configuration first; --quiet leaves it out. */
    @Test
    void theConfigurationComesFirstUnlessQuiet() {
        assertEquals(0, run("teleport", "--config", "classpath:networks/two-nodes-ideal.yaml", "--count", "3"),
                err());
        assertTrue(out().startsWith("""
                configuration: network classpath:networks/two-nodes-ideal.yaml, seed 42
                  node alice: ideal
                  node bob: ideal
                  link alice-bob: 10 km, single-click, detectors sim:detectors
                  trials 3, min fidelity 0.85
                == teleport =="""), out());
        out.reset();
        assertEquals(0, run("teleport", "--config", "classpath:networks/two-nodes-ideal.yaml", "--count", "3", "-q"));
        assertTrue(out().startsWith("== teleport =="), out());
    }

    /**
     * A quality option makes the socket ask the network to plan the request: one it cannot meet fails before any
     * pair, saying which link falls short and what it would need; one it can meet runs, and the settings say what
     * was asked.
     */
    @Test
    void aQualityTheNetworkCannotMeetIsRefusedWithTheLinkAndTheFigures() {
        assertEquals(1, run("teleport", "--config", "classpath:networks/chain-generic.yaml", "--count", "3", "-q",
                "--min-fidelity", "0.95", "--distillation", "NONE"), out());
        assertTrue(err().contains("REFUSED") && err().contains("fidelity at link alice-repeater: asked 0.9500, "
                + "achievable 0.9033, needed 1.000"), err());
        out.reset();
        assertEquals(0, run("teleport", "--config", "classpath:networks/chain-generic.yaml", "--count", "3",
                "--min-fidelity", "0.85", "--distillation", "AUTO", "--cutoff", "auto", "--rate", "5"), err());
        assertTrue(out().contains("trials 3, min fidelity 0.85, distillation AUTO, cutoff auto, rate 5"), out());
    }

    /** The study subcommand runs a small grid on local threads and prints its table. */
    @Test
    void studyRunsAGridAndPrintsItsTable() {
        assertEquals(0, run("study", "--config", "classpath:networks/two-nodes-ideal.yaml", "--vary",
                "links[0].lengthKm=1,2", "--seeds", "2", "--pairs", "4", "--threads", "2", "--quiet"), this::err);
        List<String> lines = out().lines().toList();
        assertEquals(5, lines.size(), this::out);
        assertTrue(lines.get(0).startsWith("index,configuration,links[0].lengthKm,seed,ok,attempts,pairs,"), lines.get(0));
        assertTrue(err().contains("study: 4 points, 0 failed"), this::err);
    }
}
