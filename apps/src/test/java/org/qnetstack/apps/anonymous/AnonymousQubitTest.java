package org.qnetstack.apps.anonymous;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qnetstack.api.Qubit;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.api.Basis;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;

class AnonymousQubitTest {
    /**
     * On the ideal star every qubit arrives intact: the sender sends |0⟩, |1⟩, |+⟩ or |−⟩ and the receiver, measuring
     * in that state's basis, always reads its bit, whichever two of the three nodes send and receive.
     */
    @Test
    void onTheIdealNetworkEveryQubitArrives() {
        PlatformSpec spec = NetworkConfig.withSeed(NetworkConfig.fromResource("networks/three-nodes-ideal.yaml"), 6);
        List<String> names = spec.nodes().stream().map(NodeSpec::name).toList();
        int transmissions = 24;
        SplittableRandom random = new SplittableRandom(9);
        int[] sender = new int[transmissions];
        int[] receiver = new int[transmissions];
        int[] state = new int[transmissions]; // bit + 2·(X basis)
        for (int t = 0; t < transmissions; t++) {
            sender[t] = random.nextInt(3);
            receiver[t] = (sender[t] + 1 + random.nextInt(2)) % 3;
            state[t] = random.nextInt(4);
        }
        int[] received = new int[transmissions];
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            for (int j = 0; j < names.size(); j++) {
                int me = j;
                net.run(names.get(j), n -> {
                    for (int t = 0; t < transmissions; t++) {
                        Basis basis = state[t] >= 2 ? Basis.X : Basis.Z;
                        Qubit message = null;
                        AnonymousQubit.Role role = AnonymousQubit.Role.OTHER;
                        if (sender[t] == me) {
                            role = AnonymousQubit.Role.SENDER;
                            message = n.qubit();
                            if (state[t] % 2 == 1) {
                                message.x();
                            }
                            if (basis == Basis.X) {
                                message.h();
                            }
                        } else if (receiver[t] == me) {
                            role = AnonymousQubit.Role.RECEIVER;
                        }
                        Qubit got = AnonymousQubit.transmit(n, names, 0.5, role, message);
                        if (got != null) {
                            received[t] = got.measure(basis).block();
                        }
                    }
                });
            }
            net.awaitCompletion();
        }
        for (int t = 0; t < transmissions; t++) {
            assertEquals(state[t] % 2, received[t], "transmission " + t);
        }
    }

    @Test
    void onlyTheSenderGivesAQubit() {
        PlatformSpec spec = NetworkConfig.fromResource("networks/three-nodes-ideal.yaml");
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            net.run("alice", n -> assertThrows(IllegalArgumentException.class, () -> AnonymousQubit.transmit(n,
                    List.of("alice", "bob", "carol"), 0.5, AnonymousQubit.Role.SENDER, null)));
            net.awaitCompletion();
        }
    }
}
