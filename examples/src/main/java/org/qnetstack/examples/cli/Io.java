package org.qnetstack.examples.cli;

import java.io.PrintStream;

/** Where a command prints: results to {@code out}; errors, notes and progress to {@code err}. */
record Io(PrintStream out, PrintStream err) {
}
