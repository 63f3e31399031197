package org.qnetstack.physical;

import org.qnetstack.hal.Platform;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.physical.internal.DelayedClassicalNetwork;

/**
 * The classical network of a simulated platform: messages cross the links' fibres on the platform's clock
 * (neighbours: the link's fibre; node and station: half of it), optionally with injected
 * {@link ClassicalFaults}. A node can be {@linkplain #disconnect disconnected} while it is down (crashed or
 * partitioned away): meanwhile every message from or to it is dropped, and so is every one still in flight to
 * it. Built by {@link #on(Platform)}; the implementation stays internal to this module.
 */
public interface FibreNetwork extends ClassicalNetwork {
    /** A perfect network over the platform's fibres: every message arrives once, in order. */
    static FibreNetwork on(Platform platform) {
        return on(platform, ClassicalFaults.NONE);
    }

    /**
     * A network over the platform's fibres that drops, duplicates and reorders messages at the given rates,
     * deterministically from the platform's seed.
     *
     * @throws IllegalArgumentException naming the argument if one is null
     */
    static FibreNetwork on(Platform platform, ClassicalFaults faults) {
        if (platform == null) {
            throw new IllegalArgumentException("platform: give the simulated platform whose fibres carry the messages");
        }
        if (faults == null) {
            throw new IllegalArgumentException("faults: give the faults to inject (ClassicalFaults.NONE for none)");
        }
        return new DelayedClassicalNetwork(platform, faults);
    }

    /** From now on every message from or to the node is dropped, and so is every message in flight to it. */
    void disconnect(String node);

    /** Messages flow again to and from the node (sent from now on: older ones to it stay dropped). */
    void reconnect(String node);

    boolean isDisconnected(String node);

    /** The faults this network injects. */
    ClassicalFaults faults();

    /** Messages dropped because their sender or receiver was disconnected. */
    long droppedDown();

    /** Messages lost on purpose (fault injection). */
    long dropped();

    /** Messages handed to the network so far (by nodes and stations, delivered or not). */
    long sent();

    /** Messages delivered twice on purpose. */
    long duplicated();

    /** Copies held back so that later messages overtook them. */
    long reordered();
}
