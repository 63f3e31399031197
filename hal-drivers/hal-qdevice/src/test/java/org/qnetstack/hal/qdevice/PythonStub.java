package org.qnetstack.hal.qdevice;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python device stub (src/test/python/qdevice_stub.py) as a process of its own, on a free port it
 * prints. Tests that need it are skipped where python3 is missing, except in CI (CI set), where they fail.
 * Closing kills it and waits for it.
 */
public final class PythonStub implements AutoCloseable {
    static final Path SCRIPT = Path.of("src/test/python/qdevice_stub.py");

    private final Process process;
    private final int port;

    private PythonStub(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the stub with the fault (or "none"), seed 3; skips the test if python3 cannot run. */
    public static PythonStub start(String fault) {
        assumeTrue(Files.isRegularFile(SCRIPT), "the stub's script is not at " + SCRIPT.toAbsolutePath());
        List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString(), "--port", "0", "--seed", "3",
                "--fault", fault));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("python3 is required in CI to run the device stub", e);
            }
            assumeTrue(false, "python3 is not available: " + e.getMessage());
            throw new IllegalStateException("unreachable");
        }
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine(); // the stub prints its port first, then nothing: the read ends there
            if (line == null || !line.startsWith("listening on ")) {
                throw new IllegalStateException("the stub did not start: it printed " + line);
            }
            return new PythonStub(p, Integer.parseInt(line.substring("listening on ".length()).trim()));
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** The driver URI of a node's device; {@code extra} is appended to the query (e.g. "&timeoutMs=300"). */
    public URI uri(String node, String extra) {
        return URI.create("qdevice:tcp://127.0.0.1:" + port + "?node=" + node + extra);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
