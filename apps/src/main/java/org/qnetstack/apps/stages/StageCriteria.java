package org.qnetstack.apps.stages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The criteria this certification applies, stage by stage, to the estimates of one pair of end nodes. Table 1
 * of the stages paper (S. Wehner, D. Elkouss, R. Hanson, Science 362, eaam9288, 2018) names each stage's
 * parameters but fixes a threshold for one only; where it leaves one open this class says which it uses and
 * why. Every value is taken at the pessimistic end of its 95% Clopper–Pearson intervals.
 *
 * <ul>
 * <li><b>Stage 1, trusted repeater</b>: the pair is joined by a path of end nodes whose every hop reaches
 * stage 2, so a key can be relayed through them if they are trusted (judged for the network, not here).</li>
 * <li><b>Stage 2, prepare and measure</b> (parameters ε_T, ε_M, p): pairs are delivered (p &gt; 0, with the rate
 * reported), and the error rates of states prepared at one end and measured at the other, in Z and in X, are
 * both below {@value #BB84_QBER}: where the asymptotic BB84 key fraction 1 − 2h(Q) reaches zero (P. W. Shor and
 * J. Preskill, PRL 85, 441, 2000). The paper leaves this open; QKD is the stage's first protocol, so a pair at
 * this stage must be able to make a BB84 key. A pair measured at both ends is a prepared-and-measured state:
 * one end's measurement prepares the other's qubit (remote state preparation), so these error rates are ε_T and
 * ε_M together.</li>
 * <li><b>Stage 3, entanglement distribution</b> (ε_P, ε_M): ε_P + ε_M ≤ {@value #DI_QKD}, the paper's sufficient
 * condition for device-independent QKD. ε_P is the distance √(1 − F) (Box 1) of the delivered pair from its
 * Bell state, F from the Z, X and Y parities measured at once; ε_M is the sum of the two ends' measurement
 * errors (the distance of M_i ⊗ M_j is at most the sum), each the worst of the prepare-and-measure rounds of
 * {@link NodeProbe}. Measurement errors are in both terms, so the sum errs on the safe side.</li>
 * <li><b>Stage 4, quantum memory</b> (k, m, ε_j): the memory must hold a pair for k·(t + C_m), with t the time
 * to make one pair and send one message maximised over the pairs of the network and C_m the time of a
 * depth-m circuit. Table 1 prints the storage time as k·C_m·t, a product of two times; we read it as k rounds
 * each of one pair and message (t) and one depth-m circuit (C_m). Over that time the per-operation errors must
 * fit the budget of Box 1, D ≤ Σ_j ε_j ≤ ℓ·max ε_j, for a reference protocol: teleporting an unknown qubit
 * over the stored pair (ℓ = {@value #TELEPORT_OPERATIONS} operations: the stored pair, preparing the qubit, CNOT,
 * H, two measurements, two corrections), with Σ_j ε_j ≤ {@value #TELEPORT_BUDGET}, so that the teleported state
 * keeps a fidelity above 2/3 (F ≥ 1 − D for a pure input), the best any measure-and-prepare scheme reaches
 * (S. Massar and S. Popescu, PRL 74, 1259, 1995): the memory then does what no classical channel can. The stored
 * pair's ε is √(1 − F) after storage; single-qubit operations take the node's ε_M (its rounds apply X and H);
 * the CNOT's ε comes from {@link NodeEvidence#twoQubitGateError()}. Both directions are judged.</li>
 * <li><b>Stage 5, few-qubit fault tolerance</b> is never claimed: it needs fault-tolerant logical qubits, which
 * rounds on physical qubits cannot show. As the evidence for what is needed, the per-operation errors are set
 * beside the surface code's threshold of about {@value #FAULT_TOLERANCE_THRESHOLD} (A. G. Fowler, M. Mariantoni,
 * J. M. Martinis and A. N. Cleland, PRA 86, 032324, 2012).</li>
 * </ul>
 */
public final class StageCriteria {
    public static final double BB84_QBER = 0.11;
    public static final double DI_QKD = 0.057;
    public static final double TELEPORT_BUDGET = 1.0 / 3;
    public static final int TELEPORT_OPERATIONS = 8;
    public static final double FAULT_TOLERANCE_THRESHOLD = 0.01;

    private StageCriteria() {
    }

    /** ε_P of a pair: √(1 − F) at the lower end of F. */
    public static double preparationError(PairEvidence pair) {
        return Math.sqrt(Math.max(0, 1 - pair.fidelityLow()));
    }

    /**
     * The criteria of stages 2 to 4 for a pair, in order. The stage-4 ones need the storage point at
     * {@code storageNanos}; without it they fail, saying so.
     */
    public static List<Criterion> judge(PairEvidence pair, NodeEvidence first, NodeEvidence second,
                                        long storageNanos) {
        List<Criterion> criteria = new ArrayList<>();
        Proportion z = pair.pairErrors().get(0);
        Proportion x = pair.pairErrors().get(1);
        boolean delivered = pair.problem() == null && pair.pairs() > 0;
        criteria.add(new Criterion(2, "no pair delivered (p = 0)", delivered ? 0 : 1, 0, delivered,
                delivered ? format("%d pairs in %.3g s: %.4g pairs/s", pair.pairs(), pair.pairNanos() / 1e9,
                        pair.pairRate()) : "no pairs: " + pair.problem()));
        criteria.add(Criterion.atMost(2, "QBER in Z", z.high(), BB84_QBER, interval(z)));
        criteria.add(Criterion.atMost(2, "QBER in X", x.high(), BB84_QBER, interval(x)));

        double epsilonP = preparationError(pair);
        double epsilonM = first.measurementError() + second.measurementError();
        criteria.add(Criterion.atMost(3, "ε_P + ε_M", epsilonP + epsilonM, DI_QKD, format(
                "ε_P = √(1 − F) = %.4f with F ≥ %.5f (Z %s, X %s, Y %s); ε_M = %.4f + %.4f", epsilonP,
                pair.fidelityLow(), interval(z), interval(x), interval(pair.pairErrors().get(2)),
                first.measurementError(), second.measurementError())));

        PairEvidence.StoragePoint stored = pair.storage().stream().filter(s -> s.heldNanos() == storageNanos)
                .findFirst().orElse(null);
        if (stored == null) {
            criteria.add(new Criterion(4, "Σ ε_j of teleportation after storage", 1, TELEPORT_BUDGET, false,
                    "no pair was stored for " + storageNanos + " ns"));
            return criteria;
        }
        double storage = Math.sqrt(Math.max(0, 1 - stored.fidelityLow()));
        double budget = storage + Math.max(teleport(first, second), teleport(second, first));
        double worst = Math.max(storage, Math.max(worstOperation(first), worstOperation(second)));
        criteria.add(Criterion.atMost(4, "Σ ε_j of teleportation after storage", budget, TELEPORT_BUDGET, format(
                "stored %.3g ms (k·(t + C_m)): F ≥ %.5f, ε = %.4f; CNOT ε %.4f / %.4f; ε_M %.4f / %.4f; "
                        + "ℓ·max ε = %d × %.4f = %.4f", storageNanos / 1e6, stored.fidelityLow(), storage,
                first.twoQubitGateError(), second.twoQubitGateError(), first.measurementError(),
                second.measurementError(), TELEPORT_OPERATIONS, worst, TELEPORT_OPERATIONS * worst)));
        return criteria;
    }

    /**
     * Σ ε_j of teleporting from {@code sender} to {@code receiver}, the stored pair aside: preparing the qubit,
     * H and the CNOT and two measurements at the sender, two corrections at the receiver.
     */
    private static double teleport(NodeEvidence sender, NodeEvidence receiver) {
        return 4 * sender.measurementError() + sender.twoQubitGateError() + 2 * receiver.measurementError();
    }

    static double worstOperation(NodeEvidence node) {
        return Math.max(node.measurementError(), node.twoQubitGateError());
    }

    /** The highest stage of 2 to 4 whose criteria, and those of every stage below, hold; 0 if none. */
    public static int stage(List<Criterion> criteria) {
        int stage = 0;
        for (int s = 2; s <= 4; s++) {
            int level = s;
            List<Criterion> of = criteria.stream().filter(c -> c.stage() == level).toList();
            if (of.isEmpty() || !of.stream().allMatch(Criterion::holds)) {
                return stage;
            }
            stage = s;
        }
        return stage;
    }

    /** What the pair would need for the stage above the one it reached. */
    public static String next(int stage, List<Criterion> criteria, NodeEvidence first, NodeEvidence second) {
        if (stage >= 4) {
            return format("stage 5 needs fault-tolerant logical qubits, which rounds on physical qubits cannot show;"
                    + " the worst per-operation errors here are %.4f and %.4f, against a surface-code threshold of"
                    + " about %.2f", worstOperation(first), worstOperation(second), FAULT_TOLERANCE_THRESHOLD);
        }
        int target = Math.max(2, stage + 1);
        StringBuilder b = new StringBuilder("stage ").append(target).append(" needs ");
        criteria.stream().filter(c -> c.stage() == target && !c.holds()).forEach(c -> b.append(c.name())
                .append(format(" ≤ %.4g (now %.4g)", c.bound(), c.value()))
                .append("; "));
        return b.substring(0, b.length() - 2);
    }

    static String interval(Proportion p) {
        return format("%d/%d = %.4f [%.4f, %.4f]", p.events(), p.trials(), p.estimate(), p.low(), p.high());
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
