package org.qnetstack.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.qnetstack.api.Basis;
import org.qnetstack.api.EprPair;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.study.internal.Topology;

/**
 * A ready-made study task: {@code pairs} kept Φ+ pairs between the ends of the network (a chain's two ends, or
 * else the first link's), each measured at both ends in Z or X (the basis a function of the pair's id, so both
 * ends agree without talking). Figures: pairs, simulated seconds, pairs per simulated second, the QBER in Z and
 * in X (measured, as an experiment would), and the mean fidelity the stack's model gave the pairs.
 */
public final class PairsTask implements StudyTask {
    private static final long serialVersionUID = 1L;
    private final int pairs;
    private final double minFidelity;

    /** @throws IllegalArgumentException if pairs is below 1 */
    public PairsTask(int pairs) {
        this(pairs, 0);
    }

    /**
     * @param minFidelity the fidelity each pair is asked for (0: whatever the link gives)
     * @throws IllegalArgumentException if pairs is below 1 or minFidelity is outside [0, 1]
     */
    public PairsTask(int pairs, double minFidelity) {
        if (pairs < 1) {
            throw new IllegalArgumentException("pairs must be ≥ 1 (was " + pairs + ")");
        }
        if (!(minFidelity >= 0 && minFidelity <= 1)) {
            throw new IllegalArgumentException("minFidelity must be in [0, 1] (was " + minFidelity + ")");
        }
        this.pairs = pairs;
        this.minFidelity = minFidelity;
    }

    @Override
    public Map<String, ?> run(StudyPoint point, PlatformSpec network) {
        List<String> ends = Topology.ends(network);
        String a = ends.get(0);
        String b = ends.get(1);
        Map<String, Integer> atA = new ConcurrentHashMap<>();
        Map<String, Integer> atB = new ConcurrentHashMap<>();
        double[] modelFidelity = new double[1];
        try (SimulatedNetwork net = SimulatedNetwork.of(network)) {
            net.run(a, node -> {
                var socket = node.eprSocket(b).phiPlus();
                if (minFidelity > 0) {
                    socket = socket.minFidelity(minFidelity);
                }
                for (int i = 0; i < pairs; i++) {
                    EprPair pair = socket.createKeep().block();
                    modelFidelity[0] += pair.fidelity();
                    atA.put(pair.id().toString(), pair.qubit().measure(basis(pair)).block());
                }
            });
            net.run(b, node -> {
                var socket = node.eprSocket(a).phiPlus();
                for (int i = 0; i < pairs; i++) {
                    EprPair pair = socket.recvKeep().block();
                    atB.put(pair.id().toString(), pair.qubit().measure(basis(pair)).block());
                }
            });
            net.awaitCompletion();
            int[] n = new int[2];
            int[] errors = new int[2];
            atA.forEach((id, outcome) -> {
                Integer other = atB.get(id);
                if (other != null) {
                    int z = zBasis(id) ? 0 : 1;
                    n[z]++;
                    errors[z] += outcome.equals(other) ? 0 : 1;
                }
            });
            double seconds = net.nanos() / 1e9;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("pairs", (long) pairs);
            out.put("matchedPairs", (long) (n[0] + n[1]));
            out.put("simulatedSeconds", seconds);
            out.put("pairsPerSecond", pairs / seconds);
            out.put("qberZ", n[0] == 0 ? Double.NaN : (double) errors[0] / n[0]);
            out.put("qberX", n[1] == 0 ? Double.NaN : (double) errors[1] / n[1]);
            out.put("modelFidelity", modelFidelity[0] / pairs);
            return out;
        }
    }

    private static Basis basis(EprPair pair) {
        return zBasis(pair.id().toString()) ? Basis.Z : Basis.X;
    }

    /** Z for about half the pairs, X for the rest: a fixed function of the id both ends see. */
    private static boolean zBasis(String id) {
        int h = id.hashCode();
        h ^= h >>> 16;
        h *= 0x45d9f3b;
        h ^= h >>> 16;
        return (h & 1) == 0;
    }
}
