package org.qnetstack.examples;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.qnetstack.api.ClassicalSocket;
import org.qnetstack.api.EprMeasurement;
import org.qnetstack.api.EprSocket;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.apps.qkd.BitString;
import org.qnetstack.apps.qkd.Bbm92PostProcessing;
import org.qnetstack.apps.qkd.PostProcessingParameters;
import org.qnetstack.apps.qkd.PostProcessingResult;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.sim.device.DeviceParameters;

/**
 * Entanglement-based BB84 (BBM92) between the two ends of a link: measure-directly pairs in random X/Z
 * bases at each end, sifting over the classical socket, then the classical post-processing of
 * {@code org.qnetstack.apps.qkd}: parameter estimation on a random sample with a finite-size bound,
 * Cascade error correction, verification by universal hashing and privacy amplification to the secure
 * length, or an abort that says why. Beside the measured figures: the QBER predicted from the link's
 * heralded state and the devices' noise, and the asymptotic secret fraction 1 − 2h(Q).
 */
public final class QkdExample {
    static final int DEFAULT_PAIRS = 2000;
    static final double MIN_FIDELITY = 0.9;

    /** The figures of one run. Rates are per attempt; times in seconds. */
    public record Result(long seed, int pairs, long siftedBits, long siftedErrors, double qber, double qberLow,
                         double qberHigh, double qberUpperBound, double predictedQber, double qberFromFidelityWerner,
                         double secretFraction, String outcome, String abortReason, long leakedBits,
                         double cascadeEfficiency, long finalKeyBits, boolean keysIdentical, long idMismatches,
                         double alpha, double pairFidelity, long attempts, double successPerAttempt,
                         double successPerAttemptSigma, double expectedSuccessPerAttempt, double twoAlphaEta,
                         String rawKeyFingerprint, double simulatedSeconds, double wallSeconds) {
    }

    private QkdExample() {
    }

    public static Result run(ExampleOptions options) {
        return run(options, java.util.function.UnaryOperator.identity());
    }

    /** A run on the options' network changed by {@code adjust} (e.g. with an eavesdropper added). */
    static Result run(ExampleOptions options, java.util.function.UnaryOperator<PlatformSpec> adjust) {
        ExampleOptions.Setup setup = options.setup(DEFAULT_PAIRS, MIN_FIDELITY);
        PlatformSpec spec = adjust.apply(setup.spec());
        String alice = setup.alice();
        String bob = setup.bob();
        int pairs = setup.count();
        List<EprMeasurement> aliceRaw = Collections.synchronizedList(new ArrayList<>());
        List<EprMeasurement> bobRaw = Collections.synchronizedList(new ArrayList<>());
        String[] sifted = new String[2];
        List<AutoCloseable> resources = new ArrayList<>();
        try (SimulatedNetwork net = options.open(spec, resources)) {
            net.run(alice, node -> {
                EprSocket socket = node.eprSocket(bob).phiPlus().minFidelity(setup.minFidelity());
                aliceRaw.addAll(socket.createMeasure(pairs, MeasureBasis.RANDOM_XZ).collectList().block());
                ClassicalSocket channel = node.classicalSocket(bob);
                channel.send(bases(aliceRaw)).block();
                sifted[0] = sift(aliceRaw, channel.recv(String.class).block());
            });
            net.run(bob, node -> {
                bobRaw.addAll(node.eprSocket(alice).phiPlus().recvMeasure(pairs).collectList().block());
                ClassicalSocket channel = node.classicalSocket(alice);
                String aliceBases = channel.recv(String.class).block();
                channel.send(bases(bobRaw)).block();
                sifted[1] = sift(bobRaw, aliceBases);
            });
            net.awaitCompletion();

            // The public randomness of the post-processing (sample, permutations, hashes), from the seed.
            PostProcessingResult pp = Bbm92PostProcessing.run(BitString.of(sifted[0]), BitString.of(sifted[1]),
                    PostProcessingParameters.defaults(), new SplittableRandom(spec.seed() ^ 0x9e3779b97f4a7c15L));
            HeraldedLink model = net.link(alice, bob);
            double alpha = net.alphaFor(alice, bob, setup.minFidelity());
            DeviceParameters da = Predictions.device(spec.node(alice).orElseThrow());
            DeviceParameters db = Predictions.device(spec.node(bob).orElseThrow());
            double fidelity = model.heraldedFidelity(alpha);
            double qber = pp.qber().qber();
            long attempts = net.attempts(alice, bob);
            double expected = model.successProbability(alpha);
            return new Result(spec.seed(), pairs, sifted[0].length(), mismatches(sifted[0], sifted[1]), qber,
                    pp.qber().clopperPearson().low(), pp.qber().clopperPearson().high(), pp.qber().upperBound(),
                    Predictions.bbm92Qber(model.heraldedState(alpha), da, db), 2 * (1 - fidelity) / 3,
                    Math.max(0, 1 - 2 * Statistics.binaryEntropy(qber)), pp.outcome().name(),
                    pp.aborted() ? pp.reason() : "", pp.leakedBits(), pp.efficiency(),
                    pp.aborted() ? 0 : pp.key().length(), !pp.aborted() && pp.aliceKey().equals(pp.bobKey()),
                    idMismatches(aliceRaw, bobRaw), alpha, fidelity, attempts, (double) pairs / attempts,
                    Math.sqrt(expected * (1 - expected) / attempts), expected,
                    2 * alpha * da.efficiencyOver(setup.link().lengthKm() / 2), sha256(rawBits(aliceRaw)).substring(0, 16),
                    net.nanos() / 1e9, setup.wallSeconds());
        } finally {
            closeAll(resources);
        }
    }

    static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                // closing is best effort: the run's figures are already out
            }
        }
    }

    static String rawBits(List<EprMeasurement> raw) {
        StringBuilder b = new StringBuilder(raw.size());
        raw.forEach(m -> b.append(m.outcome()));
        return b.toString();
    }

    static String bases(List<EprMeasurement> raw) {
        StringBuilder b = new StringBuilder(raw.size());
        raw.forEach(m -> b.append(m.basis() == Basis.X ? 'X' : 'Z'));
        return b.toString();
    }

    /** This side's bits where both sides measured in the same basis. */
    static String sift(List<EprMeasurement> mine, String theirBases) {
        if (theirBases.length() != mine.size()) {
            throw new IllegalStateException("the other side reports " + theirBases.length() + " pairs, this side "
                    + mine.size() + ": abort");
        }
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < mine.size(); i++) {
            EprMeasurement m = mine.get(i);
            if ((m.basis() == Basis.X ? 'X' : 'Z') == theirBases.charAt(i)) {
                key.append(m.outcome() == 0 ? '0' : '1');
            }
        }
        return key.toString();
    }

    static String sha256(String bits) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bits.getBytes(StandardCharsets.US_ASCII));
            StringBuilder hex = new StringBuilder();
            for (byte d : digest) {
                hex.append(String.format("%02x", d));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Positions where two sifted keys differ (ground truth: both are in this process). */
    static long mismatches(String a, String b) {
        long n = Math.abs(a.length() - b.length());
        for (int i = 0; i < Math.min(a.length(), b.length()); i++) {
            n += a.charAt(i) != b.charAt(i) ? 1 : 0;
        }
        return n;
    }

    private static long idMismatches(List<EprMeasurement> a, List<EprMeasurement> b) {
        long n = Math.abs(a.size() - b.size());
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            n += a.get(i).id().equals(b.get(i).id()) ? 0 : 1;
        }
        return n;
    }
}
