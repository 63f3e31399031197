package org.qnetstack.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.Basis;
import org.qnetstack.api.ClassicalSocket;
import org.qnetstack.api.EprException;
import org.qnetstack.api.EprPair;
import org.qnetstack.api.EprSocket;
import org.qnetstack.api.Node;
import org.qnetstack.api.NodeProgram;
import org.qnetstack.api.Qubit;
import org.qnetstack.api.Teleport;
import org.qnetstack.deploy.ProgramCatalog;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.PlatformSpec;
import reactor.core.publisher.Mono;

/**
 * What each node of a network does in the examples that run one node per process ({@code examples node
 * --program qkd}): the same programs run in a {@code SimulatedNetwork} and on a deployed network, and print
 * the same lines. The ends are those of the network's chain (alice–repeater–bob: alice and bob); a node in
 * between runs no program and only serves. Every figure here comes from what the nodes can see: no ground
 * truth, since in a deployment it lives in another process.
 *
 * <ul>
 *   <li>{@code qkd}: BBM92 up to the sifted key (as {@link QkdExample}), then parameter estimation: the
 *       creating end discloses every fourth sifted bit, the other end counts the errors, both print the QBER
 *       and a fingerprint of their remaining key.</li>
 *   <li>{@code teleport}: the creating end teleports uniformly random states and then says which over the
 *       classical socket; the other end undoes the preparation and measures: the fraction of 0 outcomes
 *       estimates the mean teleported fidelity (readout errors included).</li>
 *   <li>{@code pairs}: kept pairs one at a time, each measured in Z at both ends, surviving failures: the
 *       ends retry after each typed failure (a node down, a timeout) and a short pause; the creating end stops
 *       once it has had {@code count} pairs since its last failure and tells the other end it is done.</li>
 * </ul>
 */
public final class NodePrograms {
    public static final int DEFAULT_PAIRS_AFTER_FAILURE = 50;
    /** How long a {@code pairs} request may take before it is given up and retried. */
    static final Duration PAIR_MAX_TIME = Duration.ofSeconds(1);
    /** The pause after a failed {@code pairs} request: the network needs a moment to notice a node is back. */
    static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    private NodePrograms() {
    }

    /**
     * The examples' programs, by name; {@code count} ≤ 0 means each program's default. The output goes to
     * {@code out}, one line per figure, each starting with the program's and the node's name.
     */
    public static ProgramCatalog catalog(int count, PrintStream out) {
        return (name, spec, node) -> program(name, spec, node, count, out);
    }

    static @Nullable NodeProgram program(String name, PlatformSpec spec, String node, int count, PrintStream out) {
        List<String> path = ExampleOptions.chain(spec);
        String first = path.get(0);
        String last = path.get(path.size() - 1);
        if (!node.equals(first) && !node.equals(last)) {
            return null;
        }
        boolean creates = node.equals(first);
        String peer = creates ? last : first;
        boolean kept = path.size() > 2;
        return switch (name) {
            case "qkd" -> qkd(peer, creates, count > 0 ? count : QkdExample.DEFAULT_PAIRS, kept, out);
            case "teleport" -> teleport(peer, creates, count > 0 ? count : TeleportExample.DEFAULT_TRIALS, out);
            case "pairs" -> creates ? pairsCreator(peer, count > 0 ? count : DEFAULT_PAIRS_AFTER_FAILURE, out)
                    : pairsReceiver(peer, out);
            default -> throw new ConfigurationException("--program", "no program '" + name
                    + "': choose qkd, teleport or pairs");
        };
    }

    // ---- qkd

    static NodeProgram qkd(String peer, boolean creates, int pairs, boolean kept, PrintStream out) {
        return node -> {
            QkdExample.Side side = QkdExample.side(node, peer, creates, pairs,
                    s -> s.minFidelity(QkdExample.MIN_FIDELITY), kept,
                    () -> { });
            String sifted = side.sifted();
            StringBuilder sample = new StringBuilder();
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < sifted.length(); i++) {
                (i % 4 == 0 ? sample : key).append(sifted.charAt(i));
            }
            ClassicalSocket channel = node.classicalSocket(peer);
            int errors;
            if (creates) {
                channel.send(sample.toString()).block();
                errors = Integer.parseInt(channel.recv(String.class).block());
            } else {
                String theirs = channel.recv(String.class).block();
                errors = (int) QkdExample.mismatches(sample.toString(), theirs);
                channel.send(Integer.toString(errors)).block();
            }
            out.printf(Locale.ROOT, "qkd %s: %d pairs, %d sifted bits (sha256 %s), qber %.4f on %d sample bits, "
                            + "key %d bits (sha256 %s), qubits in use %d%n", node.name(), side.raw().size(),
                    sifted.length(), fingerprint(sifted), sample.length() == 0 ? 0 : (double) errors / sample.length(),
                    sample.length(), key.length(), fingerprint(key.toString()), node.qubitsInUse());
        };
    }

    private static String fingerprint(String bits) {
        return QkdExample.sha256(bits).substring(0, 16);
    }

    // ---- teleport

    static NodeProgram teleport(String peer, boolean creates, int trials, PrintStream out) {
        return creates ? node -> {
            EprSocket socket = node.eprSocket(peer).minFidelity(TeleportExample.MIN_FIDELITY);
            ClassicalSocket channel = node.classicalSocket(peer);
            for (int t = 0; t < trials; t++) {
                EprPair pair = socket.createKeep().block();
                // Uniform on the Bloch sphere: cos θ uniform in [−1, 1], φ uniform in [0, 2π).
                double theta = Math.acos(1 - 2 * node.random().nextDouble());
                double phi = 2 * Math.PI * node.random().nextDouble();
                Teleport.send(node, node.qubit().rotY(theta).rotZ(phi), pair);
                channel.send(theta + " " + phi).block();
            }
            out.printf(Locale.ROOT, "teleport %s: %d states sent, qubits in use %d%n", node.name(), trials,
                    node.qubitsInUse());
        } : node -> {
            EprSocket socket = node.eprSocket(peer);
            ClassicalSocket channel = node.classicalSocket(peer);
            int along = 0;
            for (int t = 0; t < trials; t++) {
                Qubit q = Teleport.receive(node, socket.recvKeep().block());
                String[] angles = channel.recv(String.class).block().split(" ");
                double theta = Double.parseDouble(angles[0]);
                double phi = Double.parseDouble(angles[1]);
                // Undo the preparation: the state sent comes back to |0⟩, which Z reads as 0.
                along += q.rotZ(-phi).rotY(-theta).measure(Basis.Z).block() == 0 ? 1 : 0;
            }
            double f = (double) along / trials;
            double halfWidth = 1.96 * Math.sqrt(Math.max(f * (1 - f), 1.0 / trials) / trials);
            out.printf(Locale.ROOT, "teleport %s: %d trials, %d along the state sent, fidelity %.4f ± %.4f, "
                    + "qubits in use %d%n", node.name(), trials, along, f, halfWidth, node.qubitsInUse());
        };
    }

    // ---- pairs

    static NodeProgram pairsCreator(String peer, int afterFailure, PrintStream out) {
        return node -> {
            EprSocket socket = node.eprSocket(peer).maxTime(PAIR_MAX_TIME);
            int pairs = 0;
            int sinceFailure = 0;
            int failures = 0;
            while (sinceFailure < afterFailure) {
                try {
                    EprPair pair = socket.createKeep().block();
                    pair.qubit().measure(Basis.Z).block();
                    pairs++;
                    sinceFailure++;
                    if (pairs % 10 == 0) {
                        out.printf(Locale.ROOT, "pairs %s: %d pairs at %.3f ms%n", node.name(), pairs, millis(node));
                    }
                } catch (EprException e) {
                    failures++;
                    sinceFailure = 0;
                    failed(node, e, out);
                }
            }
            node.classicalSocket(peer).send("done").block();
            out.printf(Locale.ROOT, "pairs %s: done, %d pairs, %d failures, qubits in use %d%n", node.name(), pairs,
                    failures, node.qubitsInUse());
        };
    }

    static NodeProgram pairsReceiver(String peer, PrintStream out) {
        return node -> {
            EprSocket socket = node.eprSocket(peer);
            // One subscription for the whole run, so that no "done" is lost between two waits.
            Mono<String> done = node.classicalSocket(peer).recv(String.class).cache();
            int pairs = 0;
            int failures = 0;
            while (true) {
                try {
                    Object next = Mono.firstWithSignal(socket.recvKeep().cast(Object.class), done).block();
                    if (next instanceof String) {
                        break;
                    }
                    ((EprPair) next).qubit().measure(Basis.Z).block();
                    pairs++;
                } catch (EprException e) {
                    failures++;
                    failed(node, e, out);
                }
            }
            out.printf(Locale.ROOT, "pairs %s: done, %d pairs, %d failures, qubits in use %d%n", node.name(), pairs,
                    failures, node.qubitsInUse());
        };
    }

    /** Reports the failure, and what the node still holds once it has settled (after the pause before a retry). */
    private static void failed(Node node, EprException e, PrintStream out) {
        double at = millis(node);
        node.sleep(RETRY_PAUSE).block();
        out.printf(Locale.ROOT, "pairs %s: failed %s at %.3f ms, qubits in use %d: %s%n", node.name(), e.code(), at,
                node.qubitsInUse(), e.getMessage());
    }

    private static double millis(Node node) {
        return node.nanos() / 1e6;
    }
}
