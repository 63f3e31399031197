package org.qnetstack.api.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.qnetstack.api.ApiMisuseException;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.Drivers;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.Platform;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.network.Admission;
import org.qnetstack.api.EprErrorCode;
import org.qnetstack.api.EprException;
import org.qnetstack.api.RefusalReason;
import org.qnetstack.network.CircuitPolicy;
import org.qnetstack.network.Distillation;
import org.qnetstack.network.DistillationProtocol;
import org.qnetstack.network.NetworkModel;
import org.qnetstack.physical.FibreNetwork;
import org.qnetstack.physical.HeraldingStations;
import org.qnetstack.physical.StationStack;
import org.qnetstack.transport.PreSharedKeys;
import org.qnetstack.transport.TransportSettings;

/** The builder's options, their validation, and a built stack applying its admission and circuit policy. */
class NodeStackTest {
    /** docs/physics.md: one DEJMPS (= BBPSSW) round on two Werner F = 0.8 pairs gives F' = 0.8382. */
    private static final double DISTILLED = 0.8382;
    private static final CircuitPolicy ONE_DEJMPS = new CircuitPolicy(new Distillation(DistillationProtocol.DEJMPS, 1), 0);

    /** alice – bob, 1 km, generic devices: Werner F = 0.8 link pairs and memories that keep their state. */
    static PlatformSpec spec(long seed) {
        Map<String, Object> o = new HashMap<>();
        o.put("qubits", 6);
        o.put("communicationQubits", 6);
        o.put("linkFidelity", 0.8);
        o.put("linkSuccessProbability", 0.2);
        for (String t : new String[] {"communicationT1", "communicationT2", "storageT1", "storageT2"}) {
            o.put(t, "inf");
        }
        return new PlatformSpec(seed, List.of(new NodeSpec("alice", "generic", o, 0), new NodeSpec("bob", "generic", o, 0)),
                List.of(new LinkSpec("alice-bob", "alice", "bob", 1, HeraldingScheme.SINGLE_CLICK,
                        new StationSpec("alice-bob-station", StationSpec.SIMULATED_DETECTORS), Map.of())));
    }

    @Test
    void defaultsAndEveryOptionReturnANewStackLeavingTheOldOneAsItWas() {
        try (Platform platform = Drivers.openPlatform(URI.create("sim:world"), spec(1))) {
            NodeStack base = NodeStack.on(platform);
            assertSame(platform, base.platform());
            assertTrue(base.classical().isEmpty(), "no classical network until given");
            assertTrue(base.admission().isEmpty(), "no controller given: the platform's own, planning only qualities");
            assertEquals(CircuitPolicy.NONE, base.circuitPolicy());
            assertEquals(TransportSettings.DEFAULT, base.transport());

            FibreNetwork fibre = FibreNetwork.on(platform);
            Admission admission = Admission.of(model(platform));
            PreSharedKeys keys = PreSharedKeys.derivedFromSeed(99, List.of("alice", "bob"));
            TransportSettings settings = new TransportSettings(8, 0, 4, 1_000_000_000L, 100, 100);
            PreSharedKeys defaultKeys = base.keys();

            NodeStack withClassical = base.classical(fibre);
            NodeStack withAdmission = base.admission(admission);
            NodeStack withPolicy = base.circuitPolicy(ONE_DEJMPS);
            NodeStack withKeys = base.keys(keys);
            NodeStack withTransport = base.transport(settings);
            for (NodeStack changed : List.of(withClassical, withAdmission, withPolicy, withKeys, withTransport)) {
                assertNotSame(base, changed);
            }
            assertSame(fibre, withClassical.classical().orElseThrow());
            assertSame(admission, withAdmission.admission().orElseThrow());
            assertEquals(ONE_DEJMPS, withPolicy.circuitPolicy());
            assertSame(keys, withKeys.keys());
            assertEquals(settings, withTransport.transport());
            // Each new stack changed one option only, and the first is untouched.
            assertTrue(withPolicy.classical().isEmpty() && withPolicy.admission().isEmpty());
            assertEquals(CircuitPolicy.NONE, withAdmission.circuitPolicy());
            assertTrue(base.classical().isEmpty() && base.admission().isEmpty());
            assertEquals(CircuitPolicy.NONE, base.circuitPolicy());
            assertSame(defaultKeys, base.keys());
            assertEquals(TransportSettings.DEFAULT, base.transport());
            // Options chain: a later one keeps the earlier ones.
            NodeStack all = withClassical.admission(admission).circuitPolicy(ONE_DEJMPS);
            assertSame(fibre, all.classical().orElseThrow());
            assertSame(admission, all.admission().orElseThrow());
            assertEquals(ONE_DEJMPS, all.circuitPolicy());
        }
    }

    @Test
    void badOptionsNameTheFieldAndTheReason() {
        try (Platform platform = Drivers.openPlatform(URI.create("sim:world"), spec(1))) {
            NodeStack stack = NodeStack.on(platform);
            ProgramHost programs = ProgramHost.on(platform);
            assertField("platform", () -> NodeStack.on(null));
            assertField("classical", () -> stack.classical(null));
            assertField("keys", () -> stack.keys(null));
            assertField("transport", () -> stack.transport(null));
            assertField("admission", () -> stack.admission(null));
            assertField("circuitPolicy", () -> stack.circuitPolicy(null));
            assertField("classical", () -> stack.build("alice", programs)); // never given
            NodeStack ready = stack.classical(FibreNetwork.on(platform));
            assertField("programs", () -> ready.build("alice", null));
            ConfigurationException unknown = assertField("node", () -> ready.build("carol", programs));
            assertTrue(unknown.reason().contains("alice, bob"), "names the nodes there are: " + unknown.reason());
            assertField("node", () -> ready.build(null, programs));
        }
    }

    private static ConfigurationException assertField(String field, Executable call) {
        ConfigurationException e = assertThrows(ConfigurationException.class, call);
        assertEquals(field, e.path());
        assertFalse(e.reason().isBlank(), "says why");
        return e;
    }

    @Test
    void withoutAdmissionOrPolicyASocketGetsTheLinksPairs() {
        List<Double> fidelities = createKeep(s -> s, 0.79, 10, true);
        assertEquals(10, fidelities.size());
        fidelities.forEach(f -> assertEquals(0.8, f, 1e-3, "an undistilled link pair"));
    }

    @Test
    void theControllerRefusesAFidelityNoPathMeetsWithoutDistillation() {
        EprException refused = assertThrows(EprException.class,
                () -> createKeep(s -> s.admission(Admission.of(model(s.platform()))), 0.83, 10, false));
        assertEquals(EprErrorCode.REFUSED, refused.code());
        assertEquals(RefusalReason.Figure.FIDELITY, refused.refusal().orElseThrow().figure());
        assertTrue(refused.getMessage().contains("minFidelity"), refused.getMessage());
    }

    @Test
    void theStacksDistillationPolicyMeetsThatFidelityThroughASocket() {
        List<Double> fidelities = createKeep(s -> s.admission(Admission.of(model(s.platform())))
                .circuitPolicy(ONE_DEJMPS), 0.83, 10, true);
        assertEquals(10, fidelities.size());
        fidelities.forEach(f -> assertEquals(DISTILLED, f, 5e-4, "every pair distilled once"));
    }

    @Test
    void aSimulatedNetworkBuildsItsNodesFromTheStackItIsGiven() {
        List<Double> fidelities = new ArrayList<>();
        try (SimulatedNetwork net = SimulatedNetwork.of(spec(3), s -> s.admission(Admission.of(model(s.platform())))
                .circuitPolicy(ONE_DEJMPS))) {
            net.run("alice", node -> node.eprSocket("bob").minFidelity(0.83).createKeepEach(5, p -> {
                fidelities.add(p.fidelity());
                p.qubit().release();
            }));
            net.run("bob", node -> node.eprSocket("alice").recvKeepEach(5, p -> p.qubit().release()));
            net.awaitCompletion();
        }
        assertEquals(5, fidelities.size());
        fidelities.forEach(f -> assertEquals(DISTILLED, f, 5e-4, "every pair distilled once"));
        ApiMisuseException e = assertThrows(ApiMisuseException.class, () -> SimulatedNetwork.of(spec(3),
                s -> s.classical(FibreNetwork.on(s.platform()))));
        assertTrue(e.getMessage().contains("classical network"), e.getMessage());
        assertThrows(ApiMisuseException.class, () -> SimulatedNetwork.of(spec(3), s -> null));
    }

    /** The network's model as the simulator has it: memories that keep their state. */
    private static NetworkModel model(Platform platform) {
        return NodeStack.on(platform).networkModel(0.1, name -> new NetworkModel.Memory(Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY));
    }

    /**
     * Builds alice and bob from the configured stack, has alice create {@code number} kept pairs at this minimum
     * fidelity on a socket and bob receive them (unless {@code bobReceives} is false: a refused request makes none),
     * and gives the fidelities alice's socket reported.
     *
     * @throws EprException if alice's request was refused
     */
    private static List<Double> createKeep(UnaryOperator<NodeStack> configure, double minFidelity, int number,
                                           boolean bobReceives) {
        List<Double> fidelities = new ArrayList<>();
        RuntimeException[] failure = {null};
        try (Platform platform = Drivers.openPlatform(URI.create("sim:world"), spec(3))) {
            FibreNetwork fibre = FibreNetwork.on(platform);
            NodeStack stack = configure.apply(NodeStack.on(platform).classical(fibre));
            ProgramHost programs = ProgramHost.on(platform);
            StackNode alice = stack.build("alice", programs);
            StackNode bob = stack.build("bob", programs);
            try (HeraldingStations stations = StationStack.on(platform).classical(fibre).start()) {
                programs.run(alice, node -> {
                    try {
                        node.eprSocket("bob").minFidelity(minFidelity).createKeepEach(number, p -> {
                            fidelities.add(p.fidelity());
                            p.qubit().release();
                        });
                    } catch (EprException e) {
                        failure[0] = e;
                    }
                });
                if (bobReceives) {
                    programs.run(bob, node -> node.eprSocket("alice").minFidelity(minFidelity)
                            .recvKeepEach(number, p -> p.qubit().release()));
                }
                programs.runToCompletion(3_600_000_000_000L);
            } finally {
                programs.stop();
                alice.close();
                bob.close();
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return fidelities;
    }
}
