package org.qnetstack.network.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.qnetstack.network.Admission;
import org.qnetstack.network.AdmissionException;
import org.qnetstack.network.CircuitPolicy;
import org.qnetstack.network.Distillation;
import org.qnetstack.network.NetworkModel;
import org.qnetstack.network.NoRouteException;
import org.qnetstack.network.Refusal;
import org.qnetstack.network.Route;
import org.qnetstack.network.internal.PathEstimates.Estimate;

/**
 * The network's controller, shared by every node's {@link CircuitNetworkService}: it routes circuits with a
 * quantum-aware cost, admits or refuses them against the capacity already reserved, and names circuits
 * uniquely across the network. Deterministic: the same model and the same calls give the same answers.
 *
 * <p>Figure of merit. For each simple path it estimates, from the {@link NetworkModel}:
 * <ul>
 * <li>per link i: the kept pair's fidelity F_i and raw pairs per kept pair E_i after the policy's
 *     distillation ({@link LinkEstimates}); its rate of kept pairs λ_i = a_i / E_i on the capacity a_i left
 *     (utilisation cap × rate − reserved);</li>
 * <li>time per end-to-end pair (one pair at a time per circuit): T = 2D + max_i(rounds · 2d_i) + E[max_i X_i],
 *     X_i ~ Exp(λ_i), D the path's one-way delay (set-up out, swap reports back);</li>
 * <li>memory: link i's pair waits about E[max] − 1/λ_i + D, plus its storage before the herald and, when
 *     distilled, the (E_i − 1) raw pairs its tree still needs; its two memories dephase by
 *     c_i = e^(−wait·(1/T2_a + 1/T2_b)), a Z flip of probability (1 − c_i)/2 on its Werner pair;</li>
 * <li>fidelity after the swaps: w_out = Π w_i (docs/physics.md), F = (3 w_out + 1)/4.</li>
 * </ul>
 * The chosen path is the one that meets the minimum fidelity, has the qubits and serves the requested rate
 * (rate = 1/T), and among those has the highest rate; then fewer hops, then the topology's order. Hops alone
 * never decide: a long lossy link loses to two short good ones.
 * A path whose links offer slower, better operating points ({@link NetworkModel.Link#slower}) is evaluated at
 * the fastest common level that meets the minimum fidelity, and each hop is then asked for that level's fidelity
 * ({@link Reservation#hopFidelities}). The figures come from {@link PathEstimates}.
 *
 * <p>Admission: a request with a rate R reserves R·E_i raw pairs per second on each link of its path and,
 * at each node, the qubits its hops can hold at once (2^rounds per hop side). It is refused, with the request
 * field that cannot be met, when no path meets its minimum fidelity ({@code minFidelity}), when the paths
 * that do lack free qubits ({@code qubits}), or when none of them serves R on what is left
 * ({@code pairsPerSecond}); its {@link Refusal} names where (the link that costs the most fidelity, the link with
 * the least capacity, the node without the qubits) and gives asked, achievable and needed. The head paces an
 * admitted circuit to R, so reservations hold on average. {@link #plan} chooses, for a request that leaves them
 * to the network, the fewest distillation rounds that are admitted and the cutoff past which its pairs would
 * decay below its minimum.
 */
public final class AdmissionController implements Admission {
    /** Share of each link's rate circuits may reserve, leaving room for the link's own requests. */
    public static final double DEFAULT_UTILISATION = 0.9;
    /** Purpose ids of circuits: apart from the socket ids applications use, unique over 2^29 circuits. */
    private static final int PURPOSE_SPAN = 1 << 29;

    private final NetworkModel model;
    private final double utilisation;
    private final PathEstimates paths;
    private final Map<String, Double> reservedRate = new HashMap<>();
    private final Map<String, Integer> reservedQubits = new HashMap<>();
    private final Map<Long, Reservation> active = new LinkedHashMap<>();
    private long nextReservation;
    private int nextPurpose;

    /**
     * An admitted circuit's share of the network.
     *
     * @param id             unique per controller
     * @param route          the path and its expected figures when admitted
     * @param policy         the circuit's distillation and cutoff
     * @param pairsPerSecond the reserved end-to-end rate (0: best effort, nothing reserved)
     * @param linkLoads      raw pairs per second reserved on each link of the path
     * @param qubits         qubits reserved at each node of the path
     * @param hopFidelities  the herald fidelity each hop's link is run at (the operating point chosen for it)
     */
    public record Reservation(long id, Route route, CircuitPolicy policy, double pairsPerSecond,
                              Map<String, Double> linkLoads, Map<String, Integer> qubits, List<Double> hopFidelities) {
        public Reservation {
            linkLoads = Map.copyOf(linkLoads);
            qubits = Map.copyOf(qubits);
            hopFidelities = List.copyOf(hopFidelities);
        }
    }

    public AdmissionController(NetworkModel model) {
        this(model, DEFAULT_UTILISATION);
    }

    public AdmissionController(NetworkModel model, double utilisation) {
        if (!(utilisation > 0 && utilisation <= 1)) {
            throw new org.qnetstack.hal.ConfigurationException("utilisation", "must be in (0, 1] (was "
                    + utilisation + ")");
        }
        this.model = model;
        this.utilisation = utilisation;
        this.paths = new PathEstimates(model, utilisation);
    }

    public NetworkModel model() {
        return model;
    }

    /**
     * Admits a request from {@code from} to {@code to}: chooses the path and reserves what it needs.
     *
     * @throws NoRouteException    if no path joins the nodes
     * @throws AdmissionException  naming what cannot be met
     */
    public synchronized Reservation admit(String from, String to, double minFidelity, CircuitPolicy policy,
                                          double pairsPerSecond) {
        Estimate chosen = choose(from, to, minFidelity, policy, pairsPerSecond);
        Route route = chosen.route();
        Map<String, Double> loads = new LinkedHashMap<>();
        Map<String, Integer> qubits = new LinkedHashMap<>();
        if (pairsPerSecond > 0) {
            List<String> path = route.path();
            for (int i = 0; i + 1 < path.size(); i++) {
                loads.put(chosen.links()[i], pairsPerSecond * chosen.rawPairs()[i]);
            }
            qubits.putAll(qubitsFor(path, policy.distillation()));
            loads.forEach((k, v) -> reservedRate.merge(k, v, Double::sum));
            qubits.forEach((k, v) -> reservedQubits.merge(k, v, Integer::sum));
        }
        List<Double> hops = new ArrayList<>();
        for (double f : chosen.heraldFidelity()) {
            hops.add(f);
        }
        Reservation r = new Reservation(nextReservation++, route, policy, pairsPerSecond, loads, qubits, hops);
        if (pairsPerSecond > 0) {
            active.put(r.id(), r);
        }
        return r;
    }

    /** Gives a reservation back; releasing one twice (or a best-effort one) does nothing. */
    public synchronized void release(Reservation r) {
        if (active.remove(r.id()) == null) {
            return;
        }
        r.linkLoads().forEach((k, v) -> reservedRate.computeIfPresent(k, (key, old) -> old - v < 1e-9 ? null : old - v));
        r.qubits().forEach((k, v) -> reservedQubits.computeIfPresent(k, (key, old) -> old - v == 0 ? null : old - v));
    }

    /** Raw pairs per second reserved on a link. */
    public synchronized double reservedPairsPerSecond(String link) {
        return reservedRate.getOrDefault(link, 0.0);
    }

    /** Qubits reserved at a node. */
    public synchronized int reservedQubits(String node) {
        return reservedQubits.getOrDefault(node, 0);
    }

    /** Reservations held now. */
    public synchronized int reservations() {
        return active.size();
    }

    /** A purpose id no other circuit of this network uses (until 2^29 more circuits have been named). */
    synchronized int nextPurpose() {
        int p = HeadDemands.CIRCUIT_PURPOSE_BASE + nextPurpose;
        nextPurpose = (nextPurpose + 1) % PURPOSE_SPAN;
        return p;
    }

    /**
     * The path a request would get now, without reserving anything.
     *
     * @throws NoRouteException   if no path joins the nodes
     * @throws AdmissionException if none can serve it
     */
    public synchronized Route route(String from, String to, double minFidelity, CircuitPolicy policy,
                                    double pairsPerSecond) {
        return choose(from, to, minFidelity, policy, pairsPerSecond).route();
    }

    /**
     * The policy for a request that leaves choices to the network: the first distillation of {@code distillations}
     * (null for none) under which the request would be admitted now, with the cutoff given or, with {@code
     * autoCutoff}, the one {@link #autoCutoffNanos} picks on the chosen path. Reserves nothing.
     *
     * @throws AdmissionException with the refusal of the candidate that came closest (one that reached the
     *         fidelity and fell short on rate or memory before one that did not reach it; among those, the one
     *         with the highest expected fidelity)
     */
    public synchronized CircuitPolicy plan(String from, String to, double minFidelity, double pairsPerSecond,
                                           List<@Nullable Distillation> distillations, boolean autoCutoff,
                                           long cutoffNanos) {
        AdmissionException closest = null;
        for (Distillation d : distillations) {
            try {
                Estimate chosen = choose(from, to, minFidelity, new CircuitPolicy(d, autoCutoff ? 0 : cutoffNanos),
                        pairsPerSecond);
                Route route = chosen.route();
                // Best effort reserves no qubits, but its nodes must still hold the circuit's pairs at all.
                Refusal memory = qubitShortage(route.path(), d, false);
                if (memory != null) {
                    throw new AdmissionException("qubits", "the path " + route.path() + " cannot hold the "
                            + "circuit's pairs at once", memory);
                }
                return new CircuitPolicy(d, autoCutoff ? paths.autoCutoff(route.path(), d, minFidelity, chosen.level())
                        : cutoffNanos);
            } catch (AdmissionException e) {
                closest = closer(closest, e);
            }
        }
        if (closest == null) {
            throw new IllegalArgumentException("distillations: give at least one candidate (null for none)");
        }
        throw closest;
    }

    private static AdmissionException closer(@Nullable AdmissionException a, AdmissionException b) {
        if (a == null) {
            return b;
        }
        boolean aReached = !"minFidelity".equals(a.field());
        boolean bReached = !"minFidelity".equals(b.field());
        if (aReached != bReached) {
            return aReached ? a : b;
        }
        if (!aReached && a.refusal() != null && b.refusal() != null) {
            return b.refusal().achievable() > a.refusal().achievable() ? b : a;
        }
        return a;
    }

    /**
     * The cutoff that keeps every delivered pair at or above {@code minFidelity} in the model: the age (from the
     * herald, ns) at which the path's pairs, each distilled as asked and stored that long since its herald (plus
     * the storage before its herald) in both its memories, would swap to exactly {@code minFidelity}. A delivered
     * pair's constituents are all no older than its oldest, so none below the minimum is delivered. 0 (no cutoff)
     * when the memories do not decay or no fidelity is asked.
     */
    public synchronized long autoCutoffNanos(List<String> path, @Nullable Distillation distillation,
                                             double minFidelity) {
        return paths.autoCutoff(path, distillation, minFidelity, 0);
    }

    /** The expected figures of one path on the capacity left now. */
    public synchronized Route evaluate(List<String> path, CircuitPolicy policy) {
        return paths.estimate(path, policy, reservedRate, 0).route();
    }

    /**
     * The path for a request, its links run at the fastest common level of operating points at which it meets
     * the minimum fidelity (level 0 if none is slower): see the class comment for the choice among paths.
     */
    private Estimate choose(String from, String to, double minFidelity, CircuitPolicy policy, double rate) {
        List<List<String>> candidates = paths.paths(from, to);
        Estimate best = null;
        Estimate bestFidelity = null;
        Estimate bestRateMeetingFidelity = null;
        Refusal qubitShortage = null;
        for (List<String> path : candidates) {
            Estimate now = null;
            for (int level = 0, levels = paths.levels(path); level < levels && now == null; level++) {
                Estimate idle = paths.estimate(path, policy, null, level);
                if (bestFidelity == null || idle.route().fidelity() > bestFidelity.route().fidelity()) {
                    bestFidelity = idle;
                }
                // Best effort reserves nothing and is served on the links as they are.
                Estimate e = rate > 0 ? paths.estimate(path, policy, reservedRate, level) : idle;
                if (e.route().fidelity() >= minFidelity) {
                    now = e; // slower levels only lose rate
                }
            }
            if (now == null) {
                continue;
            }
            if (rate > 0) {
                Refusal shortage = qubitShortage(path, policy.distillation(), true);
                if (shortage != null) {
                    qubitShortage = qubitShortage == null ? shortage : qubitShortage;
                    continue;
                }
            }
            if (bestRateMeetingFidelity == null
                    || now.route().pairsPerSecond() > bestRateMeetingFidelity.route().pairsPerSecond()) {
                bestRateMeetingFidelity = now;
            }
            if (now.route().pairsPerSecond() < rate || now.route().pairsPerSecond() <= 0) {
                continue;
            }
            if (best == null || now.route().pairsPerSecond() > best.route().pairsPerSecond()
                    || (now.route().pairsPerSecond() == best.route().pairsPerSecond()
                    && now.route().hops() < best.route().hops())) {
                best = now;
            }
        }
        if (best != null) {
            return best;
        }
        if (bestFidelity.route().fidelity() < minFidelity) {
            throw new AdmissionException("minFidelity", String.format(Locale.ROOT, "no path from %s to %s reaches "
                    + "F ≥ %.4f: the best expected is %.4f over %s", from, to, minFidelity,
                    bestFidelity.route().fidelity(), bestFidelity.route().path()), fidelityShortfall(bestFidelity,
                    minFidelity, policy));
        }
        if (bestRateMeetingFidelity == null) {
            throw new AdmissionException("qubits", "every path from " + from + " to " + to + " that reaches F ≥ "
                    + minFidelity + " lacks free qubits (" + qubitShortage.advice() + ")", qubitShortage);
        }
        Route offered = bestRateMeetingFidelity.route();
        throw new AdmissionException("pairsPerSecond", String.format(Locale.ROOT, "%.4g pairs/s from %s to %s "
                + "cannot be served with F ≥ %.4f: the best path, %s, offers %.4g pairs/s on the capacity left",
                rate, from, to, minFidelity, offered.path(), offered.pairsPerSecond()),
                rateShortfall(bestRateMeetingFidelity, rate));
    }

    /**
     * The link that costs the path the most fidelity, and the fidelity its pairs would need when swapped (after
     * distillation and their wait in memory) for the path to reach the minimum with the other links as they are.
     */
    private static Refusal fidelityShortfall(Estimate e, double minFidelity, CircuitPolicy policy) {
        int weakest = 0;
        double product = 1;
        for (int i = 0; i < e.werner().length; i++) {
            product *= e.werner()[i];
            if (e.werner()[i] < e.werner()[weakest]) {
                weakest = i;
            }
        }
        double others = e.werner()[weakest] > 0 ? product / e.werner()[weakest] : 0;
        double needed = others > 0 ? LinkEstimates.fidelity(LinkEstimates.werner(minFidelity) / others)
                : Double.POSITIVE_INFINITY;
        String advice = String.format(Locale.ROOT, "link %s's pairs reach %.4f when swapped (%.4f at their herald, "
                + "then %s and %.3g µs in memory); ask for F ≤ %.4f, %s, or use memories with a longer T2",
                e.links()[weakest], LinkEstimates.fidelity(e.werner()[weakest]), e.heraldFidelity()[weakest],
                policy.distillation() == null ? "no distillation" : policy.rounds() + " round(s) of "
                        + policy.distillation().protocol(), e.waitNanos()[weakest] / 1e3, e.route().fidelity(),
                policy.distillation() == null ? "allow distillation" : "allow more distillation rounds");
        return new Refusal(Refusal.Figure.FIDELITY, Refusal.Scope.LINK, e.links()[weakest], minFidelity,
                e.route().fidelity(), needed, advice);
    }

    /** The link with the least capacity for the path, and the raw pairs per second it would need free. */
    private Refusal rateShortfall(Estimate e, double rate) {
        int slowest = 0;
        for (int i = 0; i < e.lambda().length; i++) {
            if (e.lambda()[i] < e.lambda()[slowest]) {
                slowest = i;
            }
        }
        String link = e.links()[slowest];
        double free = Math.max(0, utilisation * model.links().stream().filter(l -> l.name().equals(link))
                .findFirst().orElseThrow().point(e.level()).pairsPerSecond() - reservedRate.getOrDefault(link, 0.0));
        double needed = rate * e.rawPairs()[slowest];
        String advice = String.format(Locale.ROOT, "link %s has %.4g raw pairs/s free and each delivered pair costs "
                + "it %.3g; ask for ≤ %.4g pairs/s, fewer distillation rounds, or wait until other circuits end",
                link, free, e.rawPairs()[slowest], e.route().pairsPerSecond());
        return new Refusal(Refusal.Figure.RATE, Refusal.Scope.LINK, link, rate, e.route().pairsPerSecond(), needed,
                advice);
    }

    /** The first node of the path without the qubits the circuit holds at once (of those not reserved, if asked). */
    private @Nullable Refusal qubitShortage(List<String> path, @Nullable Distillation distillation,
                                           boolean countReserved) {
        for (Map.Entry<String, Integer> e : qubitsFor(path, distillation).entrySet()) {
            int have = model.node(e.getKey()).orElseThrow().qubits();
            int used = countReserved ? reservedQubits.getOrDefault(e.getKey(), 0) : 0;
            if (used + e.getValue() > have) {
                return new Refusal(Refusal.Figure.MEMORY, Refusal.Scope.NODE, e.getKey(), e.getValue(), have - used,
                        e.getValue(), e.getKey() + " needs " + e.getValue() + " but has " + (have - used) + " of "
                        + have + " free: ask for fewer distillation rounds, or " + (countReserved
                        ? "wait until other circuits end" : "use nodes with more qubits"));
            }
        }
        return null;
    }

    private static Map<String, Integer> qubitsFor(List<String> path, @Nullable Distillation distillation) {
        int side = LinkEstimates.qubitsPerHopSide(distillation);
        Map<String, Integer> q = new LinkedHashMap<>();
        for (int i = 0; i < path.size(); i++) {
            q.put(path.get(i), i == 0 || i == path.size() - 1 ? side : 2 * side);
        }
        return q;
    }

    /** The interval of a delivered pair over {@code path}: see {@link FidelityBounds}. */
    FidelityBounds bounds(List<String> path, @Nullable Distillation distillation, double estimate, double product,
                          double aligned, double ageNanos) {
        double t1 = Double.POSITIVE_INFINITY;
        double t2 = Double.POSITIVE_INFINITY;
        double tree = 1;
        long lag = 0;
        for (int i = 0; i < path.size(); i++) {
            NetworkModel.Node node = model.node(path.get(i)).orElseThrow();
            t1 = Math.min(t1, node.t1Nanos());
            t2 = Math.min(t2, node.t2Nanos());
            if (i > 0) {
                NetworkModel.Link l = paths.link(path.get(i - 1), path.get(i));
                lag = Math.max(lag, l.storedBeforeHeraldNanos());
                if (distillation != null) {
                    tree *= LinkEstimates.of(l.fidelity(), distillation).treeSuccess();
                }
            }
        }
        int qubits = 2 * (path.size() - 1) * LinkEstimates.qubitsPerHopSide(distillation);
        // The age counts from the oldest herald; its qubits were stored up to one keep period before it.
        return FidelityBounds.of(estimate, product, aligned, qubits, distillation != null, tree, ageNanos + lag, t1,
                t2);
    }
}
