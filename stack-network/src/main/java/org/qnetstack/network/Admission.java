package org.qnetstack.network;

import org.qnetstack.network.internal.AdmissionController;

/**
 * A network's controller: it routes circuits with a quantum-aware cost from its {@link NetworkModel}, admits or
 * refuses them against the capacity already reserved, and names circuits uniquely across the network. One
 * object serves every node of a network (give the same one to each node's {@link NetworkLayer}). Built by
 * {@link #of}; the implementation stays internal to this module.
 */
public interface Admission {
    /** Share of each link's rate circuits may reserve by default, leaving room for the link's own requests. */
    double DEFAULT_UTILISATION = AdmissionController.DEFAULT_UTILISATION;

    /** A controller of the model's network that lets circuits reserve {@link #DEFAULT_UTILISATION} of each link. */
    static Admission of(NetworkModel model) {
        return of(model, DEFAULT_UTILISATION);
    }

    /**
     * @param utilisation share of each link's rate circuits may reserve, in (0, 1]
     * @throws org.qnetstack.hal.ConfigurationException naming the field if the model is null or the share out of range
     */
    static Admission of(NetworkModel model, double utilisation) {
        if (model == null) {
            throw new org.qnetstack.hal.ConfigurationException("model", "give the network's model "
                    + "(NodeStack.on(platform).networkModel(alpha, memories), or one built from its records)");
        }
        return new AdmissionController(model, utilisation);
    }

    NetworkModel model();

    /**
     * The path a request would get now, with its expected rate and fidelity, without reserving anything.
     *
     * @throws NoRouteException   if no path joins the nodes
     * @throws AdmissionException naming the field that cannot be met
     */
    Route route(String from, String to, double minFidelity, CircuitPolicy policy, double pairsPerSecond);

    /**
     * The policy for a request that leaves choices to the network, chosen as the controller would admit it now
     * (reserving nothing): the first of {@code distillations} (null for none) under which a path meets the
     * minimum fidelity with memory decay, has the qubits and serves the rate; and the cutoff given, or with
     * {@code autoCutoff} the age past which the chosen path's pairs would decay below the minimum fidelity (none
     * when the memories do not decay or no fidelity is asked).
     *
     * @param cutoffNanos the cutoff when not automatic, ns (0 for none)
     * @throws NoRouteException   if no path joins the nodes
     * @throws AdmissionException with the {@link Refusal} of the candidate that came closest
     */
    CircuitPolicy plan(String from, String to, double minFidelity, double pairsPerSecond,
                       java.util.List<@org.jspecify.annotations.Nullable Distillation> distillations,
                       boolean autoCutoff, long cutoffNanos);

    /** Reservations held now. */
    int reservations();
}
