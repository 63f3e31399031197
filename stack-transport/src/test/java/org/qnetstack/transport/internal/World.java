package org.qnetstack.transport.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.Platform;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.physical.ClassicalFaults;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.messaging.Envelope;
import org.qnetstack.physical.internal.DelayedClassicalNetwork;
import org.qnetstack.sim.SimulatedPlatform;
import org.qnetstack.transport.PreSharedKeys;
import org.qnetstack.transport.TransportSettings;

/**
 * Three nodes on the simulated kernel: alice —10 km— bob —5 km— mallory, over a classical network that may
 * inject faults and on which a test can play man in the middle ({@link #intercept}) or inject frames of its own.
 * Keys are derived from the seed for every pair, mallory's included: she is a key holder for her own pairs,
 * not for alice and bob's.
 */
final class World implements AutoCloseable {
    static final String ALICE = "alice";
    static final String BOB = "bob";
    static final String MALLORY = "mallory";

    final SimulatedPlatform platform;
    final DelayedClassicalNetwork wire;
    final Interceptor network;
    final PreSharedKeys keys;
    final Map<String, ReliableChannels> nodes = new LinkedHashMap<>();

    World(long seed, ClassicalFaults faults, TransportSettings settings) {
        platform = new SimulatedPlatform(new PlatformSpec(seed,
                List.of(NodeSpec.of(ALICE, "nv-2022"), NodeSpec.of(BOB, "nv-2022"), NodeSpec.of(MALLORY, "nv-2022")),
                List.of(link(ALICE, BOB, 10), link(BOB, MALLORY, 5))));
        wire = new DelayedClassicalNetwork(platform, faults);
        network = new Interceptor(wire);
        keys = PreSharedKeys.derivedFromSeed(seed, List.of(ALICE, BOB, MALLORY));
        for (String n : List.of(ALICE, BOB)) {
            nodes.put(n, new ReliableChannels(n, network, platform.scheduler(n), keys, settings));
        }
    }

    World() {
        this(1, ClassicalFaults.NONE, TransportSettings.DEFAULT);
    }

    static LinkSpec link(String x, String y, double km) {
        return new LinkSpec(x + "-" + y, x, y, km, HeraldingScheme.SINGLE_CLICK,
                new StationSpec(x + "-" + y + "-station", StationSpec.SIMULATED_DETECTORS), Map.of());
    }

    ReliableChannels alice() {
        return nodes.get(ALICE);
    }

    ReliableChannels bob() {
        return nodes.get(BOB);
    }

    /** Runs until nothing is left to happen (every retransmission acknowledged or given up). */
    Platform.RunOutcome runToIdle() {
        return platform.runUntil(() -> false, Long.MAX_VALUE);
    }

    /** Messages a node receives on a channel, as "from:message". */
    List<Object> collect(ReliableChannels node, int channel) {
        List<Object> got = new ArrayList<>();
        node.listen(channel, (from, m) -> got.add(m));
        return got;
    }

    /** Rewrites (or drops, with null) what the nodes send, as it enters the network. */
    void intercept(Function<Envelope, @Nullable Envelope> rule) {
        network.rule = rule;
    }

    /** An attacker's frame put on the wire as if sent by {@code claimedFrom}. */
    void inject(String claimedFrom, String to, Object payload) {
        wire.send(claimedFrom, to, ReliableChannels.PROTOCOL, payload);
    }

    /** A frame authenticator under the key two nodes share, as only they (or the test) can build. */
    FrameAuthenticator authenticator(String a, String b) {
        return new FrameAuthenticator(keys.key(a, b).orElseThrow());
    }

    @Override
    public void close() {
        nodes.values().forEach(ReliableChannels::close);
        platform.close();
    }

    /** The network the nodes use: the wire, with an optional man in the middle on everything sent. */
    static final class Interceptor implements ClassicalNetwork {
        private final ClassicalNetwork wire;
        Function<Envelope, @Nullable Envelope> rule = e -> e;

        Interceptor(ClassicalNetwork wire) {
            this.wire = wire;
        }

        @Override
        public void register(String node, String protocol, Consumer<Envelope> handler) {
            wire.register(node, protocol, handler);
        }

        @Override
        public void unregister(String node, String protocol) {
            wire.unregister(node, protocol);
        }

        @Override
        public void send(String from, String to, String protocol, Object payload) {
            Envelope e = rule.apply(new Envelope(from, to, protocol, payload));
            if (e != null) {
                wire.send(e.from(), e.to(), e.protocol(), e.payload());
            }
        }

        @Override
        public long delayNanos(String from, String to) {
            return wire.delayNanos(from, to);
        }

        @Override
        public long undeliverable() {
            return wire.undeliverable();
        }
    }
}
