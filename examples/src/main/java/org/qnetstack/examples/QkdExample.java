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
import org.qnetstack.api.EprPair;
import org.qnetstack.api.EprSocket;
import org.qnetstack.api.Node;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.apps.qkd.BitString;
import org.qnetstack.apps.qkd.Bbm92PostProcessing;
import org.qnetstack.apps.qkd.PostProcessingParameters;
import org.qnetstack.apps.qkd.PostProcessingResult;
import org.qnetstack.api.Basis;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.api.MeasurementAxis;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.api.BasisChoice;
import org.qnetstack.sim.device.DeviceParameters;
import reactor.core.publisher.Flux;

/**
 * Entanglement-based BB84 (BBM92) between the two ends of a link or of a repeater chain: pairs measured in
 * random X/Z bases at each end (measure-directly over one link; across repeaters kept pairs measured by the
 * programs, or with {@code measureDirectly} measure-directly pairs the ends' network layers measure as soon as
 * their halves arrive), sifting over the classical socket, then the classical
 * post-processing of {@code org.qnetstack.apps.qkd}: parameter estimation on a random sample with a
 * finite-size bound, Cascade error correction, verification by universal hashing and privacy amplification
 * to the secure length, or an abort that says why. Beside the measured figures: the QBER predicted from
 * the links' heralded states (swapped, over a chain) and the end devices' noise, the asymptotic secret
 * fraction 1 − 2h(Q), and the key fraction the secure-length formula predicts at that QBER.
 */
public final class QkdExample {
    public static final int DEFAULT_PAIRS = 2000;
    public static final double MIN_FIDELITY = 0.9;

    /**
     * The figures of one run. Rates are per attempt on the path's first link; times in seconds. Key fractions
     * are per reconciled bit (n, the sifted bits left after the sample): {@code keyFraction} = l/n measured;
     * {@code expectedKeyFraction} = 1 − h(Q_up) − f·h(Q) − (t + 2·log2(1/ε_PA))/n at Q = predictedQber, with
     * Q_up the finite-size bound the sample would give at that QBER and f the measured Cascade efficiency
     * leaked/(n·h(Q_c)); {@code keyFractionSigma} its standard deviation from the sample and the reconciled
     * bits' binomial spread.
     */
    public record Result(long seed, String path, int pairs, long siftedBits, long siftedErrors, double qber,
                         double qberLow, double qberHigh, double qberUpperBound, double predictedQber,
                         double qberFromFidelityWerner, double secretFraction, String outcome, String abortReason,
                         int reconciledBits, int correctedErrors, long leakedBits, double cascadeEfficiency,
                         int verificationTagBits, long finalKeyBits, long secureLengthFormula, boolean keysIdentical,
                         double keyFraction, double asymptoticKeyFraction, double expectedKeyFraction,
                         double keyFractionSigma, double keyBitsPerPair, long idMismatches, double alpha,
                         double pairFidelity, long attempts, double successPerAttempt, double successPerAttemptSigma,
                         double expectedSuccessPerAttempt, double twoAlphaEta, String rawKeyFingerprint,
                         double simulatedSeconds, double wallSeconds) {
    }

    private QkdExample() {
    }

    /**
     * A run's figures with what the post-processing did (each step's numbers and both final keys).
     *
     * @param result the figures
     * @param post   the post-processing's result
     * @param params the post-processing's parameters
     */
    public record Run(Result result, PostProcessingResult post, PostProcessingParameters params) {
    }

    public static Result run(ExampleOptions options) {
        return runWithKeys(options).result();
    }

    /** A run, with the post-processing's steps and keys. */
    public static Run runWithKeys(ExampleOptions options) {
        return runWithKeys(options, false);
    }

    /**
     * A run, with the post-processing's steps and keys.
     *
     * @param measureDirectly across repeaters, ask for measure-directly pairs (each end's network layer measures
     *                        its half on arrival) instead of kept pairs the programs measure; over one link pairs
     *                        are measured directly either way
     */
    public static Run runWithKeys(ExampleOptions options, boolean measureDirectly) {
        return runWithKeys(options, java.util.function.UnaryOperator.identity(), measureDirectly);
    }

    /** A run on the options' network changed by {@code adjust} (e.g. with an eavesdropper added). */
    static Result run(ExampleOptions options, java.util.function.UnaryOperator<PlatformSpec> adjust) {
        return runWithKeys(options, adjust, false).result();
    }

    private static Run runWithKeys(ExampleOptions options, java.util.function.UnaryOperator<PlatformSpec> adjust,
                                   boolean measureDirectly) {
        ExampleOptions.Setup setup = options.setupEndToEnd(DEFAULT_PAIRS, MIN_FIDELITY);
        PlatformSpec spec = adjust.apply(setup.spec());
        String alice = setup.alice();
        String bob = setup.bob();
        int pairs = setup.count();
        List<EprMeasurement> aliceRaw = Collections.synchronizedList(new ArrayList<>());
        List<EprMeasurement> bobRaw = Collections.synchronizedList(new ArrayList<>());
        String[] sifted = new String[2];
        List<AutoCloseable> resources = new ArrayList<>();
        boolean kept = setup.throughRepeaters() && !measureDirectly;
        try (SimulatedNetwork net = options.open(spec, resources);
             Progress.Task progress = Progress.start("qkd: pairs", pairs)) {
            net.run(alice, node -> {
                Side side = side(node, bob, true, pairs, s -> options.ask(s, setup.minFidelity()), kept,
                        progress::step);
                aliceRaw.addAll(side.raw());
                sifted[0] = side.sifted();
            });
            net.run(bob, node -> {
                Side side = side(node, alice, false, pairs, s -> s, kept, () -> { });
                bobRaw.addAll(side.raw());
                sifted[1] = side.sifted();
            });
            net.awaitCompletion();

            // The public randomness of the post-processing (sample, permutations, hashes), from the seed.
            PostProcessingParameters params = PostProcessingParameters.defaults();
            PostProcessingResult pp = Bbm92PostProcessing.run(BitString.of(sifted[0]), BitString.of(sifted[1]),
                    params, new SplittableRandom(spec.seed() ^ 0x9e3779b97f4a7c15L));
            HeraldedLink first = net.link(setup.link().nodeA(), setup.link().nodeB());
            double alpha = setup.alpha(net, setup.link());
            DeviceParameters da = Predictions.device(spec.node(alice).orElseThrow());
            DeviceParameters db = Predictions.device(spec.node(bob).orElseThrow());
            double[] state = setup.predictedState(net);
            double fidelity = Predictions.bellWeight(state, 2);
            double predictedQber = Predictions.bbm92Qber(state, da, db);
            double qber = pp.qber().qber();
            long attempts = net.attempts(alice, setup.path().get(1));
            double expected = first.successProbability(alpha);
            KeyFraction key = KeyFraction.of(pp, params, predictedQber);
            long finalBits = pp.aborted() ? 0 : pp.key().length();
            long formula = pp.secureLength() == null ? 0 : Math.max(0, secureLength(pp, params));
            return new Run(new Result(spec.seed(), String.join("-", setup.path()), pairs, sifted[0].length(),
                    mismatches(sifted[0], sifted[1]), qber, pp.qber().clopperPearson().low(),
                    pp.qber().clopperPearson().high(), pp.qber().upperBound(), predictedQber, 2 * (1 - fidelity) / 3,
                    Math.max(0, 1 - 2 * Statistics.binaryEntropy(qber)), pp.outcome().name(),
                    pp.aborted() ? pp.reason() : "", pp.reconciledBits(), pp.correctedErrors(), pp.leakedBits(),
                    pp.efficiency(), pp.verificationTagBits(), finalBits, formula,
                    !pp.aborted() && pp.aliceKey().equals(pp.bobKey()),
                    pp.reconciledBits() == 0 ? 0 : (double) finalBits / pp.reconciledBits(), key.asymptotic(),
                    key.expected(), key.sigma(), (double) finalBits / pairs, idMismatches(aliceRaw, bobRaw), alpha,
                    fidelity, attempts, (double) pairs / attempts, Math.sqrt(expected * (1 - expected) / attempts),
                    expected, 2 * alpha * da.efficiencyOver(setup.link().lengthKm() / 2),
                    sha256(rawBits(aliceRaw)).substring(0, 16), net.nanos() / 1e9, setup.wallSeconds()), pp, params);
        } finally {
            closeAll(resources);
        }
    }

    /** One end's part of a run: its measurements, in the order of the pairs, and its sifted key. */
    record Side(List<EprMeasurement> raw, String sifted) {
    }

    /**
     * One end's program up to the sifted key, the same whether the network runs in one process or each node in
     * its own: {@code pairs} pairs with {@code peer} measured in random X/Z bases (measure-directly, or kept
     * pairs measured as they come), then the bases exchanged over the classical socket (the creating end first)
     * and the bits where they agree kept.
     *
     * @param creates     whether this end asks for the pairs (the other end receives them)
     * @param ask         what the creating end asks of each pair: its socket, configured (unused at the other end)
     * @param keptPairs   whether to ask for kept pairs and measure them here rather than measure-directly pairs
     * @param measured    called once per pair measured at this end (progress)
     */
    static Side side(Node node, String peer, boolean creates, int pairs, java.util.function.UnaryOperator<EprSocket> ask,
                     boolean keptPairs, Runnable measured) {
        EprSocket socket = node.eprSocket(peer).phiPlus();
        List<EprMeasurement> raw;
        if (keptPairs) {
            raw = measureKept(node, creates ? ask.apply(socket) : socket, pairs, creates, measured);
        } else {
            raw = (creates ? ask.apply(socket).createMeasure(pairs, BasisChoice.randomXz(),
                    BasisChoice.randomXz()) : socket.recvMeasure(pairs)).doOnNext(m -> measured.run())
                    .collectList().block();
        }
        ClassicalSocket channel = node.classicalSocket(peer);
        String theirBases;
        if (creates) {
            channel.send(bases(raw)).block();
            theirBases = channel.recv(String.class).block();
        } else {
            theirBases = channel.recv(String.class).block();
            channel.send(bases(raw)).block();
        }
        return new Side(raw, sift(raw, theirBases));
    }

    /**
     * Kept pairs, each measured as it arrives in X or Z (this node's own random choice, ½ each), in one
     * request: the same records as measure-directly pairs, so sifting does not care how the bits were made.
     */
    private static List<EprMeasurement> measureKept(Node node, EprSocket socket, int pairs, boolean create,
                                                    Runnable measured) {
        Flux<EprPair> kept = create ? socket.createKeep(pairs) : socket.recvKeep(pairs);
        return kept.concatMap(pair -> {
            Basis basis = node.random().nextBoolean() ? Basis.X : Basis.Z;
            return pair.qubit().measure(basis).map(outcome -> new EprMeasurement(pair.id(), pair.remoteNode(),
                    MeasurementAxis.of(basis), outcome, pair.bellIndex(), pair.fidelity(), pair.fidelityTime()));
        }).doOnNext(m -> measured.run()).collectList().block();
    }

    /** l = ⌊n·(1 − h(Q_up)) − leak_EC − t − 2·log2(1/ε_PA)⌋, recomputed from the run's terms (apps README). */
    static long secureLength(PostProcessingResult pp, PostProcessingParameters params) {
        int n = pp.reconciledBits();
        double qUp = pp.qber().upperBound();
        double eve = n * (qUp >= 0.5 ? 1 : Statistics.binaryEntropy(qUp));
        return (long) Math.floor(n - eve - pp.leakedBits() - pp.verificationTagBits()
                - 2 * Math.log(1 / params.epsilonPa()) / Math.log(2));
    }

    /**
     * The key fraction per reconciled bit that the secure-length formula gives at the predicted QBER Q, with
     * the run's sample size, tag and Cascade efficiency f = leaked/(n·h(Q_c)):
     * r = 1 − h(Q_up) − f·h(Q) − (t + 2·log2(1/ε_PA))/n, Q_up the bound a sample of k bits with k·Q errors
     * gives. Its spread comes from two binomial draws at Q: the sample's errors (through Q_up; one standard
     * deviation √(kQ(1−Q)) errors either side, through the bound itself) and the reconciled bits' errors
     * (through the leak: f·h'(Q)·√(Q(1−Q)/n)). Asymptotically r → 1 − (1 + f)·h(Q), i.e. 1 − 2h(Q) at f = 1.
     */
    record KeyFraction(double asymptotic, double expected, double sigma) {
        static KeyFraction of(PostProcessingResult pp, PostProcessingParameters params, double q) {
            int n = pp.reconciledBits();
            int k = pp.qber().sampleBits();
            // Without corrected errors Cascade's f is undefined; its leak is then what it cost.
            double leakPerBit = Double.isNaN(pp.efficiency()) ? (n == 0 ? 0 : (double) pp.leakedBits() / n)
                    : pp.efficiency() * Statistics.binaryEntropy(q);
            double f = Double.isNaN(pp.efficiency()) ? 1 : pp.efficiency();
            double asymptotic = 1 - (1 + f) * Statistics.binaryEntropy(q);
            if (n == 0 || k == 0 || pp.outcome() == PostProcessingResult.Outcome.ABORTED_QBER) {
                // Cascade did not run: no efficiency to predict the leak with.
                return new KeyFraction(asymptotic, Double.NaN, Double.NaN);
            }
            double errors = k * q;
            double spread = Math.sqrt(k * q * (1 - q));
            double penalty = (pp.verificationTagBits() + 2 * Math.log(1 / params.epsilonPa()) / Math.log(2)) / n;
            double expected = 1 - eve(params, k, errors, n) - leakPerBit - penalty;
            double sigmaPe = (eve(params, k, errors + spread, n) - eve(params, k, Math.max(0, errors - spread), n)) / 2;
            double slope = q > 0 && q < 1 ? Math.log((1 - q) / q) / Math.log(2) : 0;
            double sigmaEc = f * slope * Math.sqrt(q * (1 - q) / n);
            return new KeyFraction(asymptotic, expected, Math.hypot(sigmaPe, sigmaEc));
        }

        /** h(Q_up) for a sample of k bits with this many errors (rounded), m = n bits kept. */
        private static double eve(PostProcessingParameters params, int k, double errors, int n) {
            int e = (int) Math.min(k, Math.round(errors));
            double up = params.bound().upper(k, e, n, params.epsilonPe());
            return up >= 0.5 ? 1 : Statistics.binaryEntropy(up);
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
