package org.qnetstack.examples.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.qnetstack.api.SimulatedNetwork;

/**
 * The bench's networks that are not chains: a grid and a random connected graph of about 1,000 nodes (the chain
 * scenarios' generic nodes, 10 km links), with kept end-to-end pairs between two nodes far apart, timed per pair
 * per hop of the route the stack takes (hop-shortest), beside the build time.
 */
final class Topologies {
    private Topologies() {
    }

    /** A network to time: how to build it, its two ends and the hops between them. */
    record Network(String name, SimulatedNetwork.Builder builder, String head, String tail, int hops) {
    }

    /** Rows × columns nodes, each linked to its right and lower neighbour; ends at opposite corners. */
    static Network grid(int rows, int columns, long seed) {
        SimulatedNetwork.Builder b = SimulatedNetwork.builder().seed(seed);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                b.node(name(r * columns + c), "generic", BenchScenarios.CHAIN_MEMORIES);
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                if (c + 1 < columns) {
                    b.link(name(r * columns + c), name(r * columns + c + 1), 10);
                }
                if (r + 1 < rows) {
                    b.link(name(r * columns + c), name((r + 1) * columns + c), 10);
                }
            }
        }
        return new Network(rows + "x" + columns + " grid", b, name(0), name(rows * columns - 1), rows + columns - 2);
    }

    /**
     * {@code nodes} nodes joined by a random tree (each node to a random earlier one) and {@code extra} more random
     * links, from a fixed seed; ends: the first node and the node farthest from it in hops.
     */
    static Network random(int nodes, int extra, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Integer>> adjacent = new ArrayList<>();
        Set<Long> linked = new HashSet<>();
        SimulatedNetwork.Builder b = SimulatedNetwork.builder().seed(seed);
        for (int i = 0; i < nodes; i++) {
            b.node(name(i), "generic", BenchScenarios.CHAIN_MEMORIES);
            adjacent.add(new ArrayList<>());
        }
        for (int i = 1; i < nodes; i++) {
            link(b, adjacent, linked, random.nextInt(i), i);
        }
        for (int added = 0; added < extra; ) {
            int a = random.nextInt(nodes);
            int c = random.nextInt(nodes);
            if (a != c && !linked.contains(key(a, c))) {
                link(b, adjacent, linked, a, c);
                added++;
            }
        }
        int[] hops = hopsFrom(0, adjacent);
        int tail = 0;
        for (int i = 1; i < nodes; i++) {
            tail = hops[i] > hops[tail] ? i : tail;
        }
        return new Network(nodes + " random nodes, " + (nodes - 1 + extra) + " links", b, name(0), name(tail),
                hops[tail]);
    }

    private static void link(SimulatedNetwork.Builder b, List<List<Integer>> adjacent, Set<Long> linked, int a,
            int c) {
        b.link(name(a), name(c), 10);
        adjacent.get(a).add(c);
        adjacent.get(c).add(a);
        linked.add(key(a, c));
    }

    private static long key(int a, int c) {
        return (long) Math.min(a, c) << 32 | Math.max(a, c);
    }

    private static int[] hopsFrom(int start, List<List<Integer>> adjacent) {
        int[] hops = new int[adjacent.size()];
        java.util.Arrays.fill(hops, -1);
        hops[start] = 0;
        ArrayDeque<Integer> frontier = new ArrayDeque<>(List.of(start));
        while (!frontier.isEmpty()) {
            int at = frontier.poll();
            for (int next : adjacent.get(at)) {
                if (hops[next] < 0) {
                    hops[next] = hops[at] + 1;
                    frontier.add(next);
                }
            }
        }
        return hops;
    }

    private static String name(int i) {
        return "n" + i;
    }

    /** The scenario: each network's wall time per end-to-end pair per hop, build time, events and messages. */
    static BenchScenarios.Result scenario(BenchScenarios.Mode mode) {
        boolean quick = mode.quick();
        if (!mode.cold()) {
            BenchScenarios.chain(10, quick ? 200 : 4_000, 3, false); // the JIT's warm-up, as for scaling
        }
        List<Network> networks = quick ? List.of(grid(8, 8, 5), random(64, 32, 5))
                : List.of(grid(25, 40, 5), random(1_000, 500, 5));
        Map<String, Object> details = new LinkedHashMap<>();
        double worst = 0;
        for (Network n : networks) {
            int pairs = Math.max(quick ? 4 : 20, (quick ? 2_000 : 12_000) / n.hops());
            BenchScenarios.ChainRun r = BenchScenarios.endToEnd(n.builder(), n.head(), n.tail(), pairs, false);
            double perPairPerHop = r.wallSeconds() / pairs / n.hops() * 1e6;
            details.put(n.name() + ": hops", n.hops());
            details.put(n.name() + ": µs per pair per hop", perPairPerHop);
            details.put(n.name() + ": s to build", r.buildSeconds());
            details.put(n.name() + ": events per pair per hop", r.eventsPerPair() / n.hops());
            details.put(n.name() + ": messages per pair per hop", r.messagesPerPair() / n.hops());
            worst = Math.max(worst, perPairPerHop);
        }
        return new BenchScenarios.Result("grid and random networks of ~" + (quick ? 64 : 1_000) + " nodes", worst,
                "µs per e2e pair per hop (worst)", Double.NaN, true, details);
    }
}
