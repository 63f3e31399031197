package ${package};

import java.util.concurrent.atomic.AtomicInteger;
import org.qnetstack.api.Basis;
import org.qnetstack.api.EprPair;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.api.Teleport;

/**
 * A first quantum network program: Alice teleports |+⟩ to Bob over a heralded pair, and Bob measures it in the
 * X basis. On perfect devices he always reads 0; on real ones, 0 most of the time.
 */
public final class FirstProgram {
    private FirstProgram() {}

    /** Runs the program on the two-node NV network bundled with the SDK (10 km apart) and prints Bob's outcome. */
    public static void main(String[] args) {
        System.out.println(teleportPlus("networks/two-nodes-nv.yaml", 42));   // seed 42: reproducible
    }

    /**
     * Teleports |+⟩ from alice to bob on the network of a classpath resource and returns bob's outcome in X.
     *
     * @param network a network file on the class path, e.g. {@code networks/two-nodes-ideal.yaml}
     * @param seed    the simulation's seed: the same seed and network give the same outcome
     * @return 0 when bob received |+⟩, 1 when he read |−⟩
     */
    public static int teleportPlus(String network, long seed) {
        AtomicInteger outcome = new AtomicInteger(-1);
        try (var net = SimulatedNetwork.fromResource(network, seed)) {
            net.run("alice", node -> {
                EprPair pair = node.eprSocket("bob").createKeep().block();   // heralded, with id and fidelity
                Teleport.send(node, node.qubit().h(), pair);                   // BSM + two classical bits
            });
            net.run("bob", node -> {
                EprPair pair = node.eprSocket("alice").recvKeep().block();
                outcome.set(Teleport.receive(node, pair).measure(Basis.X).block());
            });
            net.awaitCompletion();
        }
        return outcome.get();
    }
}
