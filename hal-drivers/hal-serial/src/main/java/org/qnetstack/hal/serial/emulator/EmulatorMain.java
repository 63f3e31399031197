package org.qnetstack.hal.serial.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * Runs the emulated detector controller as a program of its own:
 *
 * <pre>
 * java -cp hal-serial.jar:... org.qnetstack.hal.serial.emulator.EmulatorMain --tcp 0 --script clicks.txt
 * ... EmulatorMain --tty /dev/pts/5            (one end of a pty pair or a null-modem cable)
 * ... EmulatorMain --pty /tmp/ttyEMU           (makes the pty itself with socat; the driver opens serial:/tmp/ttyEMU)
 * </pre>
 *
 * It prints where it listens on the first lines of standard output and runs until killed.
 */
public final class EmulatorMain {
    static final String USAGE = String.join("\n",
            "usage: EmulatorMain (--tcp PORT | --tty PATH | --pty LINK) [options]",
            "  --tcp PORT        serve on 127.0.0.1:PORT (0: any free port, printed)",
            "  --tty PATH        serve on a serial port (jSerialComm), e.g. one end of a socat pty pair",
            "  --pty LINK        serve on TCP and bridge it to a new pseudo-terminal at LINK with socat",
            "  --baud N          line speed for --tty (default 115200)",
            "  --channels N      inputs of the device, 1 to 64 (default 4)",
            "  --script FILE     clicks to play from the first arming, one '<channel> <ps>' per line",
            "  --heartbeat-ms N  longest silence while armed (default 100)",
            "  --seed N          seed of the noise fault (default 1)",
            "  faults: --crlf  --split-ms N (send lines in two pieces)  --noise-every N (noise before every N-th line)",
            "          --bit-flips P (per byte, both ways)  --drops P (per line sent); seeded by --seed");

    private EmulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        Running running;
        try {
            running = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "qnetstack-emulator-shutdown"));
        stopped.await();
    }

    /** A started emulator, and the pty bridge if it made one. */
    public static final class Running implements AutoCloseable {
        private final DetectorEmulator emulator;
        private final @Nullable PtyBridge bridge;
        private final int tcpPort;

        Running(DetectorEmulator emulator, @Nullable PtyBridge bridge, int tcpPort) {
            this.emulator = emulator;
            this.bridge = bridge;
            this.tcpPort = tcpPort;
        }

        public DetectorEmulator emulator() {
            return emulator;
        }

        /** The TCP port served, or -1 on a serial port. */
        public int tcpPort() {
            return tcpPort;
        }

        @Override
        public void close() {
            if (bridge != null) {
                bridge.close();
            }
            emulator.close();
        }
    }

    /** Parses the arguments and starts serving; reports where on {@code out}. */
    public static Running start(String[] args, PrintStream out) throws IOException {
        String tcp = null;
        String tty = null;
        String pty = null;
        int baud = 115_200;
        int channels = 4;
        Path script = null;
        long heartbeatMs = DetectorEmulator.DEFAULT_HEARTBEAT.toMillis();
        long seed = 1;
        boolean crlf = false;
        long splitMs = 0;
        int noiseEvery = 0;
        double bitFlips = 0;
        double drops = 0;
        List<String> a = List.of(args);
        for (int i = 0; i < a.size(); i++) {
            String flag = a.get(i);
            switch (flag) {
                case "--crlf" -> crlf = true;
                case "--tcp" -> tcp = value(a, ++i, flag);
                case "--tty" -> tty = value(a, ++i, flag);
                case "--pty" -> pty = value(a, ++i, flag);
                case "--baud" -> baud = (int) number(a, ++i, flag, 1, 10_000_000);
                case "--channels" -> channels = (int) number(a, ++i, flag, 1, 64);
                case "--script" -> script = Path.of(value(a, ++i, flag));
                case "--heartbeat-ms" -> heartbeatMs = number(a, ++i, flag, 1, 3_600_000);
                case "--seed" -> seed = number(a, ++i, flag, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--split-ms" -> splitMs = number(a, ++i, flag, 0, 60_000);
                case "--noise-every" -> noiseEvery = (int) number(a, ++i, flag, 0, 1_000_000);
                case "--bit-flips" -> bitFlips = probability(a, ++i, flag);
                case "--drops" -> drops = probability(a, ++i, flag);
                default -> throw new IllegalArgumentException("unknown argument '" + flag + "'");
            }
        }
        if ((tcp != null ? 1 : 0) + (tty != null ? 1 : 0) + (pty != null ? 1 : 0) != 1) {
            throw new IllegalArgumentException("give exactly one of --tcp, --tty, --pty");
        }
        ClickSource source = script != null ? ScriptedClickSource.fromFile(script) : new QueueClickSource();
        DetectorEmulator emulator = new DetectorEmulator(channels, source, Duration.ofMillis(heartbeatMs), seed);
        emulator.faults().crlf(crlf).splitLines(Duration.ofMillis(splitMs)).noiseEvery(noiseEvery)
                .lineNoise(LineNoise.NONE.withBitFlips(bitFlips).withCommandBitFlips(bitFlips).withDrops(drops), seed);
        try {
            out.println("emulator: " + emulator.identity());
            if (tty != null) {
                emulator.serveSerial(tty, baud);
                out.println("serial " + tty);
                return new Running(emulator, null, -1);
            }
            int port = emulator.serveTcp(tcp != null ? (int) number(List.of(tcp), 0, "--tcp", 0, 65_535) : 0);
            out.println("tcp 127.0.0.1:" + port);
            PtyBridge bridge = null;
            if (pty != null) {
                bridge = PtyBridge.toTcp(Path.of(pty), port, Duration.ofSeconds(10));
                out.println("pty " + pty + " (driver URI serial:" + Path.of(pty).toAbsolutePath() + ")");
            }
            out.flush();
            return new Running(emulator, bridge, port);
        } catch (IOException | RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    private static String value(List<String> a, int i, String flag) {
        if (i >= a.size()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return a.get(i);
    }

    private static double probability(List<String> a, int i, String flag) {
        String v = value(a, i, flag);
        try {
            double p = Double.parseDouble(v);
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(flag + " must be in [0, 1] (was " + v + ")");
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a probability in [0, 1] (was '" + v + "')");
        }
    }

    private static long number(List<String> a, int i, String flag, long min, long max) {
        String v = value(a, i, flag);
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(flag + " must be in [" + min + ", " + max + "] (was " + n + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number (was '" + v + "')");
        }
    }
}
