package org.qnetstack.hal;

import java.util.Map;

/**
 * One node of a network as the platform needs it.
 *
 * @param name      unique node name
 * @param device    device model or preset name, e.g. {@code nv-2022}
 * @param overrides device parameters that replace the preset's, by field name (values are numbers or
 *                  strings with units, as in the configuration file)
 * @param qubits    number of qubits, or 0 for the preset's default; at most {@link #MAX_QUBITS}
 */
public record NodeSpec(String name, String device, Map<String, Object> overrides, int qubits) {
    /**
     * The most qubits a node may have: today's processors hold a handful of memory qubits (NV: 10, trapped
     * ions: tens), and every qubit costs the simulator memory, so a larger count is a typing error.
     */
    public static final int MAX_QUBITS = 64;

    public NodeSpec {
        overrides = Map.copyOf(overrides);
    }

    public static NodeSpec of(String name, String device) {
        return new NodeSpec(name, device, Map.of(), 0);
    }
}
