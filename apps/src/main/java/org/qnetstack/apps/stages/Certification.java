package org.qnetstack.apps.stages;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.qnetstack.api.SimulatedNetwork;

/**
 * Certifies the stage of every pair of end nodes of a network, and of the network (its weakest pair), from
 * sacrificed rounds run through the public API, each in a fresh run of the network:
 * <ol>
 * <li>every end node's local rounds ({@link NodeProbe}), which give ε_M, the CNOT's ε and C_m;</li>
 * <li>every pair's immediate pair rounds ({@link PairProbe}), one pair per run, which give p, ε_T and ε_P, and t;</li>
 * <li>every pair's storage rounds, at k·(t + C_m) and twice that, now that t is known for the whole network.</li>
 * </ol>
 * The criteria are {@link StageCriteria}'s. Nothing reads the simulator's ground truth: the programs see only
 * what hardware would show them.
 */
public final class Certification {
    private Certification() {
    }

    /**
     * @param network  the network of each run (0 for the nodes' rounds, then one per pair for the pair rounds and
     *                 one per pair for the storage rounds): fresh, from the same configuration; e.g.
     *                 {@code run -> SimulatedNetwork.of(NetworkConfig.withSeed(spec, seed + run))}
     * @param endNodes the end nodes to certify between (at least two; all pairs of them are certified)
     */
    public static NetworkCertificate certify(IntFunction<SimulatedNetwork> network, List<String> endNodes,
                                             CertificationPlan plan) {
        if (endNodes.size() < 2 || new HashSet<>(endNodes).size() != endNodes.size()) {
            throw new IllegalArgumentException("certification needs at least two distinct end nodes (were "
                    + endNodes + ")");
        }
        List<List<String>> pairs = new ArrayList<>();
        for (int i = 0; i < endNodes.size(); i++) {
            for (int j = i + 1; j < endNodes.size(); j++) {
                pairs.add(List.of(endNodes.get(i), endNodes.get(j)));
            }
        }
        Map<String, NodeEvidence> nodes = probeNodes(network.apply(0), endNodes, plan);
        Map<List<String>, PairEvidence> immediate = new HashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            immediate.put(pairs.get(i), probePair(network.apply(1 + i), pairs.get(i),
                    new PairProbe.Rounds(plan.pairRounds(), 0, List.of()), plan));
        }
        long t = immediate.values().stream().mapToLong(PairEvidence::pairAndMessageNanos).max().orElse(0);
        long circuit = nodes.values().stream().mapToLong(NodeEvidence::circuitNanos).max().orElse(0);
        long storage = Math.max(1, plan.rounds() * (t + circuit));
        Map<List<String>, PairEvidence> stored = new HashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            stored.put(pairs.get(i), probePair(network.apply(1 + pairs.size() + i), pairs.get(i),
                    new PairProbe.Rounds(0, plan.storageRounds(), List.of(storage, 2 * storage)), plan));
        }

        List<PairCertificate> certificates = new ArrayList<>();
        for (List<String> p : pairs) {
            PairEvidence now = immediate.get(p);
            PairEvidence later = stored.get(p);
            PairEvidence evidence = new PairEvidence(now.first(), now.second(), now.problem(), now.pairErrors(),
                    now.pairs(), now.pairNanos(), now.messageNanos(), later.problem() == null ? later.storage()
                    : List.of());
            NodeEvidence a = nodes.get(p.get(0));
            NodeEvidence b = nodes.get(p.get(1));
            List<Criterion> criteria = StageCriteria.judge(evidence, a, b, storage);
            int stage = StageCriteria.stage(criteria);
            certificates.add(new PairCertificate(p.get(0), p.get(1), stage, criteria,
                    StageCriteria.next(stage, criteria, a, b), evidence));
        }
        certificates = withTrustedRelays(certificates);
        PairCertificate weakest = certificates.stream().min((x, y) -> Integer.compare(x.stage(), y.stage()))
                .orElseThrow();
        List<NodeEvidence> nodeList = endNodes.stream().map(nodes::get).toList();
        return new NetworkCertificate(weakest.stage(), weakest.first() + "–" + weakest.second(), certificates,
                nodeList, t, circuit, storage, plan);
    }

    /** Every end node's local rounds, all at once: they share nothing. */
    private static Map<String, NodeEvidence> probeNodes(SimulatedNetwork net, List<String> endNodes,
                                                        CertificationPlan plan) {
        Map<String, NodeEvidence> nodes = Collections.synchronizedMap(new HashMap<>());
        try (net) {
            for (String name : endNodes) {
                net.run(name, node -> nodes.put(name, NodeProbe.run(node, plan)));
            }
            net.awaitCompletion();
        }
        return nodes;
    }

    /**
     * One pair's rounds, in a run of the network of their own: no other pair competes for the repeaters' qubits
     * or skews the time a pair takes.
     */
    private static PairEvidence probePair(SimulatedNetwork net, List<String> pair, PairProbe.Rounds rounds,
                                          CertificationPlan plan) {
        PairEvidence[] evidence = new PairEvidence[1];
        try (net) {
            net.run(pair.get(0), node -> evidence[0] = PairProbe.first(node, pair.get(1), rounds,
                    plan.minFidelity()));
            net.run(pair.get(1), node -> PairProbe.second(node, pair.get(0), rounds));
            net.awaitCompletion();
        }
        return evidence[0];
    }

    /**
     * Stage 1 for pairs below stage 2: joined through end nodes, every hop at stage 2 or more, so a key can be
     * relayed by trusted nodes.
     */
    private static List<PairCertificate> withTrustedRelays(List<PairCertificate> certificates) {
        Map<String, Set<String>> hops = new HashMap<>();
        for (PairCertificate c : certificates) {
            if (c.stage() >= 2) {
                hops.computeIfAbsent(c.first(), k -> new HashSet<>()).add(c.second());
                hops.computeIfAbsent(c.second(), k -> new HashSet<>()).add(c.first());
            }
        }
        List<PairCertificate> out = new ArrayList<>();
        for (PairCertificate c : certificates) {
            if (c.stage() < 2 && reachable(hops, c.first(), c.second())) {
                out.add(new PairCertificate(c.first(), c.second(), 1, c.criteria(),
                        "key relay through trusted end nodes only (every hop at stage ≥ 2); " + c.next(),
                        c.evidence()));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean reachable(Map<String, Set<String>> hops, String from, String to) {
        Set<String> seen = new HashSet<>(List.of(from));
        List<String> frontier = new ArrayList<>(List.of(from));
        while (!frontier.isEmpty()) {
            String n = frontier.remove(frontier.size() - 1);
            for (String m : hops.getOrDefault(n, Set.of())) {
                if (m.equals(to)) {
                    return true;
                }
                if (seen.add(m)) {
                    frontier.add(m);
                }
            }
        }
        return false;
    }
}
