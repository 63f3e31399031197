package org.qnetstack.examples;

import java.io.PrintStream;
import org.qnetstack.examples.cli.Cli;

/**
 * The examples' entry point; the command line itself is {@link Cli}: {@code --help} lists the subcommands,
 * {@code COMMAND --help} their options.
 *
 * <pre>
 * mvn -q -pl examples exec:java -Dexec.args="qkd --seed 7 --json"
 * </pre>
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit code (0 ok, 1 failed run, 2 bad usage or configuration). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(args, out, err);
    }
}
