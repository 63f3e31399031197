package org.qnetstack.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One process of a deployed network started from the examples' command line, in a fresh JVM with this test's
 * classpath: its output lines are collected as they come, so a test can wait for one.
 */
final class NodeProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private final Path log;

    private NodeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.reader = new Thread(this::readLines, "output of " + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code examples <args>} in a new JVM, its output (stdout and stderr) also copied to {@code log}. */
    static NodeProcess start(String name, Path log, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        try {
            return new NodeProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
                Files.writeString(log, name + "| " + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            // the process ended or was killed: its output ends here
        }
    }

    /** Waits until a line matching the test has been printed; returns it, or fails after the timeout. */
    String awaitLine(Predicate<String> test, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (test.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    throw new AssertionError(name + " printed no such line within " + timeoutMillis + " ms; it printed:\n"
                            + String.join("\n", lines));
                }
                lines.wait(Math.min(left, 100));
            }
        }
    }

    /** Waits for the process to end; returns its exit status, or fails after the timeout. */
    int awaitExit(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not end within " + timeoutMillis + " ms; it printed:\n" + output());
        }
        reader.join(5000);
        return process.exitValue();
    }

    /** The lines printed so far that start with the prefix. */
    List<String> linesStartingWith(String prefix) {
        synchronized (lines) {
            return lines.stream().filter(l -> l.startsWith(prefix)).toList();
        }
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** Kills the process at once, as a crash would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
