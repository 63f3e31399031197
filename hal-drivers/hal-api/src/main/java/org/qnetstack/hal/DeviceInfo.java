package org.qnetstack.hal;

import java.util.List;

/**
 * What the stack needs to know about a quantum device before using it.
 *
 * @param model      the device model or preset name, e.g. {@code nv-2022}
 * @param roles      the role of each qubit, indexed by qubit number
 * @param durations  operation durations
 */
public record DeviceInfo(String model, List<QubitRole> roles, OperationDurations durations) {
    public DeviceInfo {
        roles = List.copyOf(roles);
    }

    public int qubitCount() {
        return roles.size();
    }
}
