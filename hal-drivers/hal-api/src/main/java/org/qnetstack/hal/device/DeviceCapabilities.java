package org.qnetstack.hal.device;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.OperationDurations;
import org.qnetstack.hal.QubitRole;
import org.qnetstack.hal.TwoQubitGate;

/**
 * What a device declares when it is opened.
 *
 * @param model          device model, e.g. {@code nv-2022}
 * @param version        the device's firmware or emulator version, free text
 * @param roles          each qubit's role, indexed by qubit number (the qubit count is its size)
 * @param interfaces     its photonic interfaces, one per link it attempts on
 * @param gates          the single-qubit gates it offers natively
 * @param twoQubitGates  the two-qubit gates it offers natively
 * @param durations      how long each kind of operation takes, in ns
 * @param attemptRuns    whether it makes attempt runs by itself
 */
public record DeviceCapabilities(String model, String version, List<QubitRole> roles,
                                 List<PhotonicInterface> interfaces, Set<Gate> gates,
                                 Set<TwoQubitGate> twoQubitGates, OperationDurations durations,
                                 boolean attemptRuns) {
    public DeviceCapabilities {
        roles = List.copyOf(roles);
        interfaces = List.copyOf(interfaces);
        gates = gates.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(gates));
        twoQubitGates = twoQubitGates.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(twoQubitGates));
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a device has at least one qubit");
        }
    }

    public int qubitCount() {
        return roles.size();
    }

    /** The number of communication qubits (those that can emit). */
    public int communicationQubits() {
        return (int) roles.stream().filter(r -> r == QubitRole.COMMUNICATION).count();
    }

    public boolean isCommunicationQubit(int qubit) {
        return qubit >= 0 && qubit < roles.size() && roles.get(qubit) == QubitRole.COMMUNICATION;
    }

    public Optional<PhotonicInterface> photonicInterface(String link) {
        return interfaces.stream().filter(i -> i.link().equals(link)).findFirst();
    }
}
