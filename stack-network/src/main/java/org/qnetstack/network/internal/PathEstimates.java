package org.qnetstack.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.qnetstack.network.CircuitPolicy;
import org.qnetstack.network.Distillation;
import org.qnetstack.network.NetworkModel;
import org.qnetstack.network.NoRouteException;
import org.qnetstack.network.Route;

/**
 * What the {@link AdmissionController} plans with, from the {@link NetworkModel} alone: the simple paths between
 * two nodes, each path's expected figures (see the controller's class comment for the formulas) at a level of its
 * links' operating points, and the cutoff that keeps a path's pairs above a fidelity. Holds no state of its own:
 * what is reserved comes with each call.
 */
final class PathEstimates {
    /** Simple paths examined per request at most (more than any small network has). */
    static final int MAX_PATHS = 10_000;

    private final NetworkModel model;
    private final double utilisation;

    PathEstimates(NetworkModel model, double utilisation) {
        this.model = model;
        this.utilisation = utilisation;
    }

    /**
     * A path's expected figures and, per link, what they come from.
     *
     * @param links          the links' names, in path order
     * @param werner         each link's Werner weight when swapped (distilled, then dephased while waiting)
     * @param heraldFidelity each link's fidelity at its herald
     * @param waitNanos      each link's expected time in memory
     * @param lambda         each link's kept pairs per ns on the capacity considered
     * @param rawPairs       each link's raw pairs per kept pair
     */
    record Estimate(Route route, int level, String[] links, double[] werner, double[] heraldFidelity,
                            double[] waitNanos, double[] lambda, double[] rawPairs) {
    }

    /** Operating-point levels the path's links offer: the most any of them has. */
    int levels(List<String> path) {
        int levels = 1;
        for (int i = 0; i + 1 < path.size(); i++) {
            levels = Math.max(levels, link(path.get(i), path.get(i + 1)).levels());
        }
        return levels;
    }

    /**
     * A path's expected figures with its links run at a level of their operating points (each link's slowest
     * beyond its own), on the capacity {@code reserved} leaves (raw pairs per second by link), or on the whole link
     * if it is null.
     */
    Estimate estimate(List<String> path, CircuitPolicy policy, @Nullable Map<String, Double> reserved, int level) {
        int n = path.size() - 1;
        String[] names = new String[n];
        double[] lambda = new double[n];
        double[] raw = new double[n];
        double[] herald = new double[n];
        double[] fid = new double[n];
        double[] t2sum = new double[n];
        double[] lag = new double[n];
        double[] distilling = new double[n];
        double delay = 0;
        double rounds = 0;
        for (int i = 0; i < n; i++) {
            NetworkModel.Link l = link(path.get(i), path.get(i + 1));
            NetworkModel.OperatingPoint point = l.point(level);
            LinkEstimates e = LinkEstimates.of(point.fidelity(), policy.distillation());
            names[i] = l.name();
            raw[i] = e.rawPairs();
            herald[i] = point.fidelity();
            double capacity = utilisation * point.pairsPerSecond()
                    - (reserved != null ? reserved.getOrDefault(l.name(), 0.0) : 0);
            lambda[i] = Math.max(0, capacity) / e.rawPairs() / 1e9; // per ns
            fid[i] = e.fidelity();
            t2sum[i] = t2Sum(path.get(i), path.get(i + 1));
            lag[i] = l.storedBeforeHeraldNanos();
            // A round's first pair waits for the rest of its tree: about E − 1 more raw pairs.
            distilling[i] = lambda[i] > 0 ? (e.rawPairs() - 1) / (lambda[i] * e.rawPairs()) : Double.POSITIVE_INFINITY;
            delay += l.delayNanos();
            rounds = Math.max(rounds, policy.rounds() * 2.0 * l.delayNanos());
        }
        double slowest = expectedMax(lambda);
        double time = 2 * delay + rounds + slowest;
        double w = 1;
        double[] werner = new double[n];
        double[] waits = new double[n];
        for (int i = 0; i < n; i++) {
            double wait = Double.isInfinite(slowest) ? Double.POSITIVE_INFINITY
                    : Math.max(0, slowest - 1 / lambda[i]) + delay + lag[i] + distilling[i];
            double c = t2sum[i] == 0 ? 1 : Math.exp(-wait * t2sum[i]);
            waits[i] = wait;
            werner[i] = LinkEstimates.werner(LinkEstimates.dephased(fid[i], c));
            w *= werner[i];
        }
        double rate = Double.isInfinite(time) ? 0 : 1e9 / time;
        return new Estimate(new Route(path, LinkEstimates.fidelity(w), rate, time), level, names, werner, herald,
                waits, lambda, raw);
    }

    /** 1/T2 of a link's two memories, summed: their coherence decays as e^(−t·sum). */
    double t2Sum(String a, String b) {
        return 1 / model.node(a).orElseThrow().t2Nanos() + 1 / model.node(b).orElseThrow().t2Nanos();
    }

    /**
     * E[max of independent Exp(λ_i)] by inclusion–exclusion, Σ_S (−1)^(|S|+1) / Σ_(i∈S) λ_i; beyond 16 links
     * the upper bound Σ 1/λ_i. Infinite if a link has no capacity left.
     */
    static double expectedMax(double[] lambda) {
        for (double l : lambda) {
            if (!(l > 0)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        int n = lambda.length;
        if (n > 16) {
            double sum = 0;
            for (double l : lambda) {
                sum += 1 / l;
            }
            return sum;
        }
        double total = 0;
        for (int s = 1; s < 1 << n; s++) {
            double rate = 0;
            for (int i = 0; i < n; i++) {
                if ((s & 1 << i) != 0) {
                    rate += lambda[i];
                }
            }
            total += (Integer.bitCount(s) % 2 == 1 ? 1 : -1) / rate;
        }
        return total;
    }

    NetworkModel.Link link(String a, String b) {
        return model.linkBetween(a, b).orElseThrow(() -> new NoRouteException(a, b, "no link in the model"));
    }

    /** Every simple path from one node to another, depth first in the model's link order (at most MAX_PATHS). */
    List<List<String>> paths(String from, String to) {
        if (from.equals(to)) {
            throw new NoRouteException(from, to, "a node cannot entangle with itself");
        }
        if (model.node(to).isEmpty() || model.node(from).isEmpty()) {
            throw new NoRouteException(from, to, "no such node in the network model");
        }
        List<List<String>> out = new ArrayList<>();
        List<String> path = new ArrayList<>(List.of(from));
        walk(path, to, out);
        if (out.isEmpty()) {
            throw new NoRouteException(from, to, "no path in the network model");
        }
        return out;
    }

    private void walk(List<String> path, String to, List<List<String>> out) {
        if (out.size() >= MAX_PATHS) {
            return;
        }
        String at = path.get(path.size() - 1);
        if (at.equals(to)) {
            out.add(List.copyOf(path));
            return;
        }
        for (NetworkModel.Link l : model.links()) {
            if (l.connects(at)) {
                String next = l.otherEnd(at);
                if (!path.contains(next)) {
                    path.add(next);
                    walk(path, to, out);
                    path.remove(path.size() - 1);
                }
            }
        }
    }

    /** {@link AdmissionController#autoCutoffNanos} with the path's links run at an operating point's level. */
    long autoCutoff(List<String> path, @Nullable Distillation distillation, double minFidelity, int level) {
        double target = LinkEstimates.werner(minFidelity);
        int n = path.size() - 1;
        double[] fid = new double[n];
        double[] t2sum = new double[n];
        double[] lag = new double[n];
        boolean decays = false;
        for (int i = 0; i < n; i++) {
            NetworkModel.Link l = link(path.get(i), path.get(i + 1));
            fid[i] = LinkEstimates.of(l.point(level).fidelity(), distillation).fidelity();
            t2sum[i] = t2Sum(path.get(i), path.get(i + 1));
            lag[i] = l.storedBeforeHeraldNanos();
            decays |= t2sum[i] > 0;
        }
        if (!(target > 0) || !decays) {
            return 0;
        }
        java.util.function.DoubleUnaryOperator wernerAt = age -> {
            double w = 1;
            for (int i = 0; i < n; i++) {
                w *= LinkEstimates.werner(LinkEstimates.dephased(fid[i], Math.exp(-(age + lag[i]) * t2sum[i])));
            }
            return w;
        };
        if (wernerAt.applyAsDouble(0) < target) {
            return 1; // not even a fresh pair reaches it: deliver none rather than pairs below the minimum
        }
        double hi = 1;
        while (wernerAt.applyAsDouble(hi) >= target) {
            hi *= 2;
            if (hi > 1e15) {
                return 0; // decay never brings it below the minimum (e.g. it asks for less than decay leaves)
            }
        }
        double lo = 0;
        for (int i = 0; i < 60 && hi - lo > 1; i++) {
            double mid = (lo + hi) / 2;
            if (wernerAt.applyAsDouble(mid) >= target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.max(1, (long) Math.floor(lo));
    }
}
