package org.qnetstack.hal.serial.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real pseudo-terminal whose other side is a TCP port, made by {@code socat}: the driver opens the
 * pty's path as a serial port, the emulator serves the TCP port, and everything between them crosses a
 * kernel tty as it would with hardware. The command run is
 * {@code socat -d -d tcp:127.0.0.1:PORT pty,raw,echo=0,link=LINK} (TCP first, so that once the link
 * exists the emulator is connected). Killing the bridge makes the serial port disappear, as unplugging a
 * USB adapter does. {@link #pair} makes two connected ptys instead (a null-modem cable). socat's log
 * goes to {@code LINK.socat.log}.
 */
public final class PtyBridge implements AutoCloseable {
    /** Why pty tests cannot run, for skip messages. */
    public static final String SOCAT_MISSING = "socat is not installed (apt-get install -y socat): "
            + "the serial driver's pseudo-terminal tests cannot run";

    private static volatile Boolean available;

    private final List<Path> links;
    private final Process process;

    private PtyBridge(List<Path> links, Process process) {
        this.links = List.copyOf(links);
        this.process = process;
    }

    /** True if {@code socat} can be run. */
    public static boolean socatAvailable() {
        Boolean a = available;
        if (a == null) {
            a = probe();
            available = a;
        }
        return a;
    }

    private static boolean probe() {
        try {
            Process p = new ProcessBuilder("socat", "-V").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The policy of the project's pty tests: true if socat is there; false if it is not and this is a
     * developer's machine (the tests skip); an {@link IllegalStateException} if it is not and the
     * environment variable {@code CI} is set (and not {@code false}), because CI must run them.
     */
    public static boolean socatAvailableOrFailOnCi() {
        if (socatAvailable()) {
            return true;
        }
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0")) {
            throw new IllegalStateException(SOCAT_MISSING + "; CI=" + ci + " requires them");
        }
        return false;
    }

    /**
     * Starts socat and waits until the pty's link exists.
     *
     * @throws IOException if socat cannot start, exits, or has not made the link within the timeout
     */
    public static PtyBridge toTcp(Path link, int port, Duration timeout) throws IOException {
        return start(List.of(link), List.of("tcp:127.0.0.1:" + port, pty(link)), timeout);
    }

    /**
     * Two connected pseudo-terminals: what is written to one is read from the other, as over a null-modem
     * cable. For the emulator on a serial line ({@code --tty}) and the driver on the other end.
     */
    public static PtyBridge pair(Path a, Path b, Duration timeout) throws IOException {
        return start(List.of(a, b), List.of(pty(a), pty(b)), timeout);
    }

    private static String pty(Path link) {
        return "pty,raw,echo=0,link=" + link.toAbsolutePath();
    }

    private static PtyBridge start(List<Path> links, List<String> addresses, Duration timeout) throws IOException {
        for (Path link : links) {
            Files.deleteIfExists(link); // a stale link from a killed socat would look like a device
        }
        Path first = links.get(0);
        Path log = first.resolveSibling(first.getFileName() + ".socat.log");
        List<String> command = new java.util.ArrayList<>(List.of("socat", "-d", "-d"));
        command.addAll(addresses);
        Process p = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        PtyBridge bridge = new PtyBridge(links, p);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!links.stream().allMatch(Files::exists)) {
                if (!p.isAlive()) {
                    throw new IOException("socat exited with " + p.exitValue() + " before making " + links + ": "
                            + tail(log));
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("socat made no " + links + " within " + timeout.toMillis() + " ms: "
                            + tail(log));
                }
                Thread.sleep(2);
            }
        } catch (IOException e) {
            bridge.close();
            throw e;
        } catch (InterruptedException e) {
            bridge.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting socat", e);
        }
        return bridge;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** The (first) pty's path, to open as a serial port. */
    public Path link() {
        return links.get(0);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops socat (the pty and its link disappear); waits for it, at most a few seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (Path link : links) {
            try {
                Files.deleteIfExists(link); // socat removes it on a clean exit, not when killed
            } catch (IOException ignored) {
                // nothing useful to do: the next start deletes it too
            }
        }
    }
}
