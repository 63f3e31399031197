package org.qnetstack.apps.stages;

import java.util.List;

/**
 * Where a network stands: the stage of its weakest pair of end nodes, every pair's certificate and the
 * evidence of every node.
 *
 * @param stage         the lowest stage over the pairs
 * @param weakestPair   the pair that sets it, "a–b"
 * @param pairs         every pair's certificate
 * @param nodes         every end node's local evidence
 * @param tNanos        t of Table 1: the longest time over the pairs to make one pair and send one message
 * @param circuitNanos  C_m: the longest depth-m circuit over the nodes
 * @param storageNanos  k·(t + C_m): how long the pairs were held for stage 4
 * @param plan          the rounds sacrificed and the k and m judged for
 */
public record NetworkCertificate(int stage, String weakestPair, List<PairCertificate> pairs,
                                 List<NodeEvidence> nodes, long tNanos, long circuitNanos, long storageNanos,
                                 CertificationPlan plan) {
    public NetworkCertificate {
        pairs = List.copyOf(pairs);
        nodes = List.copyOf(nodes);
    }

    public String stageName() {
        return PairCertificate.STAGE_NAMES.get(stage);
    }
}
