package org.qnetstack.apps.bb84;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.apps.qkd.BitString;
import org.qnetstack.apps.qkd.Bbm92PostProcessing;
import org.qnetstack.apps.qkd.PostProcessingParameters;
import org.qnetstack.apps.qkd.PostProcessingResult;
import org.qnetstack.apps.qkd.SecureLength;
import org.qnetstack.apps.stages.TestNetworks;
import org.qnetstack.hal.PlatformSpec;

class Bb84Test {
    static final double LINK_FIDELITY = 0.95;

    /**
     * Two generic nodes whose link delivers Werner pairs of fidelity 0.95 (one attempt in ten succeeds, to keep the
     * test quick); memories and readout perfect.
     */
    static PlatformSpec werner(long seed) {
        return TestNetworks.withDevice(NetworkConfig.withSeed(
                NetworkConfig.fromResource("networks/two-nodes-generic.yaml"), seed), Map.of("linkFidelity",
                LINK_FIDELITY, "linkSuccessProbability", 0.1, "communicationT2", "inf", "communicationT1", "inf"));
    }

    static Bb84.Sifted[] sift(PlatformSpec spec, int pairs) {
        Bb84.Sifted[] sides = new Bb84.Sifted[2];
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            net.run("alice", n -> sides[0] = Bb84.alice(n, "bob", pairs, 0.5));
            net.run("bob", n -> sides[1] = Bb84.bob(n, "alice", pairs));
            net.awaitCompletion();
        }
        return sides;
    }

    static PostProcessingResult postProcess(Bb84.Sifted[] sides, long seed) {
        return Bbm92PostProcessing.run(sides[0].sifted(), sides[1].sifted(), PostProcessingParameters.defaults(),
                new SplittableRandom(seed));
    }

    /**
     * A Werner pair of fidelity F flips a prepared BB84 state with probability Q = 2(1 − F)/3 in either basis.
     * The measured QBER over all sifted bits agrees within 4σ of the binomial count; the final key has the length
     * the secure-length formula gives when the sample's errors range over ±4σ around the predicted QBER; both
     * ends hold the same key.
     */
    @Test
    void qberAndSecureLengthAgreeWithTheAnalysis() {
        Bb84.Sifted[] sides = sift(werner(5), 24_000);
        BitString alice = sides[0].sifted();
        int sifted = alice.length();
        assertTrue(Math.abs(sifted - 12_000) < 4 * Math.sqrt(24_000 * 0.25), "about half the bases agree: " + sifted);
        double predicted = 2 * (1 - LINK_FIDELITY) / 3;
        double qber = (double) alice.xor(sides[1].sifted()).weight() / sifted;
        assertTrue(Math.abs(qber - predicted) <= 4 * Math.sqrt(predicted * (1 - predicted) / sifted),
                qber + " vs " + predicted);

        PostProcessingResult pp = postProcess(sides, 9);
        assertEquals(PostProcessingResult.Outcome.KEY, pp.outcome(), pp.reason());
        assertEquals(pp.aliceKey(), pp.bobKey());
        PostProcessingParameters params = PostProcessingParameters.defaults();
        int k = pp.qber().sampleBits();
        int n = pp.reconciledBits();
        double spread = 4 * Math.sqrt(k * predicted * (1 - predicted));
        long longest = length(params, k, (int) Math.max(0, Math.floor(k * predicted - spread)), n, pp);
        long shortest = length(params, k, (int) Math.ceil(k * predicted + spread), n, pp);
        long got = pp.key().length();
        assertTrue(shortest <= got && got <= longest, got + " not in [" + shortest + ", " + longest + "]");
        assertTrue(shortest > 0);
    }

    private static long length(PostProcessingParameters params, int k, int errors, int n, PostProcessingResult pp) {
        double upper = params.bound().upper(k, errors, n, params.epsilonPe());
        return SecureLength.of(n, upper, pp.leakedBits(), pp.verificationTagBits(), params.epsilonPa()).length();
    }

    /** Intercept-resend on the link (measuring Bob's half first, in a random basis) makes the QBER 25%: every run aborts. */
    @Test
    void interceptResendIsAlwaysDetected() {
        for (long seed = 1; seed <= 5; seed++) {
            PlatformSpec spec = NetworkConfig.withSeed(NetworkConfig.fromResource("networks/two-nodes-ideal.yaml"), seed);
            Bb84.Sifted[] sides = sift(spec.withOption("interceptResend", spec.links().get(0).name()), 4000);
            PostProcessingResult pp = postProcess(sides, seed);
            assertEquals(PostProcessingResult.Outcome.ABORTED_QBER, pp.outcome(), pp.reason());
            assertTrue(pp.qber().qber() > 0.15, "QBER " + pp.qber().qber());
        }
    }

    @Test
    void noiselessLinkGivesIdenticalErrorFreeKeys() {
        Bb84.Sifted[] sides = sift(NetworkConfig.withSeed(NetworkConfig.fromResource("networks/two-nodes-ideal.yaml"),
                4), 20_000);
        assertEquals(sides[0].sifted(), sides[1].sifted());
        PostProcessingResult pp = postProcess(sides, 4);
        assertEquals(PostProcessingResult.Outcome.KEY, pp.outcome(), pp.reason());
        assertEquals(pp.aliceKey(), pp.bobKey());
    }
}
