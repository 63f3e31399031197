package org.qnetstack.hal;

import java.util.List;

/**
 * What the stack needs to know about a quantum device before using it.
 *
 * @param model      the device model or preset name, e.g. {@code nv-2022}
 * @param roles      the role of each qubit, indexed by qubit number
 * @param durations  operation durations
 * @param memory     how long its qubits keep their state (the shortest of its qubits'), which the network's
 *                   controller plans with: how much a pair loses while it waits for its swap or delivery
 */
public record DeviceInfo(String model, List<QubitRole> roles, OperationDurations durations, Coherence memory) {
    public DeviceInfo {
        roles = List.copyOf(roles);
        if (memory == null) {
            throw new ConfigurationException("memory", "give the qubits' coherence times (Coherence.NONE for "
                    + "memories that do not decay)");
        }
    }

    /** A device whose memories do not decay (or whose decay it does not declare). */
    public DeviceInfo(String model, List<QubitRole> roles, OperationDurations durations) {
        this(model, roles, durations, Coherence.NONE);
    }

    public int qubitCount() {
        return roles.size();
    }

    /**
     * Coherence times of a device's memories.
     *
     * @param t1Nanos relaxation time, ns, &gt; 0 (infinite for none)
     * @param t2Nanos coherence time (off-diagonal decay e^(−t/T2), T1 included), ns, &gt; 0 (infinite for none)
     */
    public record Coherence(double t1Nanos, double t2Nanos) {
        /** Memories that keep their state. */
        public static final Coherence NONE = new Coherence(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

        public Coherence {
            if (!(t1Nanos > 0) || !(t2Nanos > 0)) {
                throw new ConfigurationException("memory", "T1 and T2 must be > 0 (infinite for none) (were "
                        + t1Nanos + ", " + t2Nanos + " ns)");
            }
        }
    }
}
