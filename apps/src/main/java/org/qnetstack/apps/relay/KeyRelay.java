package org.qnetstack.apps.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.apps.bb84.Bb84;
import org.qnetstack.apps.qkd.BitString;
import org.qnetstack.apps.qkd.Bbm92PostProcessing;
import org.qnetstack.apps.qkd.PostProcessingParameters;
import org.qnetstack.apps.qkd.PostProcessingResult;

/**
 * A whole trusted-repeater run on a simulated chain: BB84 on every hop (each in a run of the network of its own,
 * as the hops of a deployed chain would run side by side), the post-processing of {@code apps.qkd} per hop, then
 * the relay of {@link TrustedRelay}. The path's key rate is the relayed key's length over the slowest hop's
 * time.
 */
public final class KeyRelay {
    private KeyRelay() {
    }

    /**
     * What the relay gave.
     *
     * @param hops           each hop's post-processing, in path order
     * @param hopSeconds     simulated time each hop's QKD took
     * @param keys           the end-to-end key as every node of the path holds it (all equal if the relay worked)
     * @param keyBitsPerSecond relayed bits over the slowest hop's time (0 if a hop made no key)
     */
    public record Result(List<PostProcessingResult> hops, List<Double> hopSeconds, List<BitString> keys,
                         double keyBitsPerSecond) {
        public Result {
            hops = List.copyOf(hops);
            hopSeconds = List.copyOf(hopSeconds);
            keys = List.copyOf(keys);
        }

        public int keyBits() {
            return keys.isEmpty() ? 0 : keys.get(0).length();
        }
    }

    /**
     * @param network        the network of run r: hops are runs 0 to k−1, the relay run k
     * @param path           the chain, neighbours in order
     * @param pairsPerHop    pairs for each hop's BB84
     * @param authentication the pre-shared authentication key (≥ 32 bytes) of each hop, in order
     * @param publicRandom   the post-processing's public randomness (a SecureRandom outside tests)
     */
    public static Result run(IntFunction<SimulatedNetwork> network, List<String> path, int pairsPerHop,
                             double minFidelity, List<byte[]> authentication, RandomGenerator publicRandom) {
        int hopCount = path.size() - 1;
        if (hopCount < 1 || authentication.size() != hopCount) {
            throw new IllegalArgumentException("a path of " + path.size() + " nodes needs " + Math.max(0, hopCount)
                    + " authentication keys (were " + authentication.size() + ")");
        }
        List<PostProcessingResult> hops = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (int h = 0; h < hopCount; h++) {
            String a = path.get(h);
            String b = path.get(h + 1);
            Bb84.Sifted[] sides = new Bb84.Sifted[2];
            try (SimulatedNetwork net = network.apply(h)) {
                net.run(a, node -> sides[0] = Bb84.alice(node, b, pairsPerHop, minFidelity));
                net.run(b, node -> sides[1] = Bb84.bob(node, a, pairsPerHop));
                net.awaitCompletion();
                seconds.add(net.nanos() / 1e9);
            }
            hops.add(Bbm92PostProcessing.run(sides[0].sifted(), sides[1].sifted(), PostProcessingParameters.defaults(),
                    publicRandom));
        }
        if (hops.stream().anyMatch(PostProcessingResult::aborted)) {
            return new Result(hops, seconds, List.of(), 0);
        }
        int length = TrustedRelay.relayLength(hops.stream().map(PostProcessingResult::key).toList());
        BitString[] keys = new BitString[path.size()];
        try (SimulatedNetwork net = network.apply(hopCount)) {
            for (int i = 0; i < path.size(); i++) {
                int index = i;
                // Each end of a hop holds its own copy of the hop key: Alice's side towards the end, Bob's towards
                // the start.
                BitString start = i == 0 ? BitString.empty() : hops.get(i - 1).bobKey();
                BitString end = i == hopCount ? BitString.empty() : hops.get(i).aliceKey();
                byte[][] auth = {i == 0 ? null : authentication.get(i - 1), i == hopCount ? null : authentication.get(i)};
                net.run(path.get(i), node -> keys[index] = TrustedRelay.node(node, path, index, length, start, end,
                        auth));
            }
            net.awaitCompletion();
        }
        double slowest = seconds.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return new Result(hops, seconds, List.of(keys), slowest > 0 ? length / slowest : 0);
    }
}
