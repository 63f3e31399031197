package org.qnetstack.apps.stages;

import java.util.List;

/**
 * The stage a pair of end nodes reached, and why.
 *
 * @param first      one end (the one that asked for the pairs)
 * @param second     the other end
 * @param stage      0 to 4: the highest stage whose criteria, and those below, hold (1: only through trusted
 *                   nodes, see {@link NetworkCertificate})
 * @param criteria   every criterion of stages 2 to 4 with its evidence
 * @param next       what the next stage would need
 * @param evidence   the pair rounds behind the criteria
 */
public record PairCertificate(String first, String second, int stage, List<Criterion> criteria, String next,
                              PairEvidence evidence) {
    public PairCertificate {
        criteria = List.copyOf(criteria);
    }

    /** The stage names of Table 1 of the stages paper, by number. */
    public static final List<String> STAGE_NAMES = List.of("none", "trusted repeater", "prepare and measure",
            "entanglement distribution", "quantum memory", "few-qubit fault tolerant", "quantum computing");

    public String stageName() {
        return STAGE_NAMES.get(stage);
    }
}
