package org.qnetstack.examples.stages;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.apps.qkd.PostProcessingResult;
import org.qnetstack.apps.relay.KeyRelay;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;

/**
 * {@code relay}: stage 1, a key relayed by trusted nodes along a chain ({@code --nodes A,B,C}, neighbours in order;
 * default: the network's nodes as listed), BB84 on every hop. Prints each hop's key, the relayed key's length and
 * the path's key rate, and the trust assumption. The hops' authentication keys are drawn from the seed: a
 * simulation's stand-in for key material the neighbours share beforehand.
 */
public final class RelayCommand {
    static final int DEFAULT_PAIRS = 20_000;
    static final double MIN_FIDELITY = 0.9;
    static final String TRUST = "every intermediate node holds the end-to-end key in the clear: it is secret only if "
            + "all of them are honest";

    /** The figures of one relay. */
    public record Result(long seed, List<String> path, List<String> hopOutcomes, List<Long> hopKeyBits,
                         List<Double> hopSeconds, int relayedKeyBits, boolean allNodesAgree, double keyBitsPerSecond,
                         String trustAssumption) {
    }

    private RelayCommand() {
    }

    public static Result run(StagesCli.Options options, PrintStream out) {
        PlatformSpec spec = options.example().network();
        List<String> path = options.nodes().isEmpty() ? spec.nodes().stream().map(NodeSpec::name).toList()
                : options.nodes();
        for (int i = 1; i < path.size(); i++) {
            if (spec.linkBetween(path.get(i - 1), path.get(i)).isEmpty()) {
                throw new IllegalArgumentException("--nodes: " + path.get(i - 1) + " and " + path.get(i)
                        + " are not neighbours; give the chain in order");
            }
        }
        SplittableRandom keys = new SplittableRandom(spec.seed() ^ 0x5eed_a17bL);
        List<byte[]> authentication = new ArrayList<>();
        for (int i = 1; i < path.size(); i++) {
            byte[] k = new byte[32];
            keys.nextBytes(k);
            authentication.add(k);
        }
        int pairs = options.example().count() > 0 ? options.example().count() : DEFAULT_PAIRS;
        KeyRelay.Result r = KeyRelay.run(run -> SimulatedNetwork.of(NetworkConfig.withSeed(spec, spec.seed() + run)),
                path, pairs, MIN_FIDELITY, authentication, new SplittableRandom(spec.seed() ^ 0x9e3779b97f4a7c15L));
        Result result = new Result(spec.seed(), path, r.hops().stream().map(h -> h.outcome().name()).toList(),
                r.hops().stream().map(h -> h.aborted() ? 0L : (long) h.key().length()).toList(), r.hopSeconds(),
                r.keyBits(), r.keys().stream().distinct().count() == 1, r.keyBitsPerSecond(), TRUST);
        if (!options.example().json()) {
            StringBuilder b = new StringBuilder("== relay ==\n  path ").append(String.join(" – ", path)).append('\n');
            for (int h = 0; h < r.hops().size(); h++) {
                PostProcessingResult pp = r.hops().get(h);
                b.append(String.format(Locale.ROOT, "  hop %s–%s: %s, QBER %.4f, %d key bits in %.3g s%n",
                        path.get(h), path.get(h + 1), pp.outcome(), pp.qber().qber(), result.hopKeyBits().get(h),
                        r.hopSeconds().get(h)));
            }
            b.append(String.format(Locale.ROOT, "  relayed key: %d bits, same at every node: %b; path rate %.4g bits/s"
                    + " (the slowest hop's time)%n  trust: %s%n", r.keyBits(), result.allNodesAgree(),
                    r.keyBitsPerSecond(), TRUST));
            out.print(b);
        }
        return result;
    }
}
