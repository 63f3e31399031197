package org.qnetstack.examples;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;
import org.qnetstack.api.ClassicalSocket;
import org.qnetstack.api.EprMeasurement;
import org.qnetstack.api.EprSocket;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.sim.device.DeviceParameters;

/**
 * Entanglement-based BB84 (BBM92) between the two ends of a link: measure-directly pairs in random X/Z
 * bases at each end, sifting over the classical socket, the QBER on a random sample with its exact
 * (Clopper–Pearson) interval, the asymptotic secret fraction 1 − 2h(Q), and a comparison of both
 * sides' remaining bits by hash. There is no error correction yet, so the keys differ wherever the
 * pairs or the detectors erred: the comparison says so.
 */
public final class QkdExample {
    static final int DEFAULT_PAIRS = 400;
    static final double MIN_FIDELITY = 0.9;
    static final double SAMPLE_FRACTION = 0.5;

    /** The figures of one run. Rates are per attempt; times in seconds. */
    public record Result(long seed, int pairs, long siftedBits, long sampleBits, long errorsInSample, double qber,
                         double qberLow, double qberHigh, double predictedQber, double qberFromFidelityWerner,
                         double secretFraction, long remainingBits, long secretBits, boolean keysIdentical,
                         long mismatchedBits, long idMismatches, double alpha, double pairFidelity, long attempts,
                         double successPerAttempt, double successPerAttemptSigma, double expectedSuccessPerAttempt,
                         double twoAlphaEta, String rawKeyFingerprint, double simulatedSeconds,
                         double wallSeconds) {
    }

    /** The sample of sifted positions Alice reveals, with her bits there. */
    record Sample(List<Integer> positions, String bits) {
    }

    private QkdExample() {
    }

    public static Result run(ExampleOptions options) {
        ExampleOptions.Setup setup = options.setup(DEFAULT_PAIRS, MIN_FIDELITY);
        PlatformSpec spec = setup.spec();
        String alice = setup.alice();
        String bob = setup.bob();
        int pairs = setup.count();
        List<EprMeasurement> aliceRaw = Collections.synchronizedList(new ArrayList<>());
        List<EprMeasurement> bobRaw = Collections.synchronizedList(new ArrayList<>());
        List<String> keys = Collections.synchronizedList(new ArrayList<>(List.of("", "")));
        long[] sample = new long[2];
        boolean[] hashesEqual = new boolean[1];
        List<AutoCloseable> resources = new ArrayList<>();
        try (SimulatedNetwork net = options.open(spec, resources)) {
            net.run(alice, node -> {
                EprSocket socket = node.eprSocket(bob).phiPlus().minFidelity(setup.minFidelity());
                aliceRaw.addAll(socket.createMeasure(pairs, MeasureBasis.RANDOM_XZ).collectList().block());
                ClassicalSocket channel = node.classicalSocket(bob);
                channel.send(bases(aliceRaw)).block();
                String sifted = sift(aliceRaw, channel.recv(String.class).block());
                List<Integer> positions = samplePositions(sifted.length(), node.random());
                channel.send(new Sample(positions, bitsAt(sifted, positions))).block();
                sample[0] = positions.size();
                sample[1] = channel.recv(Integer.class).block();
                String remaining = without(sifted, positions);
                keys.set(0, remaining);
                channel.send(sha256(remaining)).block();
                hashesEqual[0] = channel.recv(Boolean.class).block();
            });
            net.run(bob, node -> {
                EprSocket socket = node.eprSocket(alice).phiPlus();
                bobRaw.addAll(socket.recvMeasure(pairs).collectList().block());
                ClassicalSocket channel = node.classicalSocket(alice);
                String aliceBases = channel.recv(String.class).block();
                channel.send(bases(bobRaw)).block();
                String sifted = sift(bobRaw, aliceBases);
                Sample revealed = channel.recv(Sample.class).block();
                int errors = 0;
                String mine = bitsAt(sifted, revealed.positions());
                for (int i = 0; i < mine.length(); i++) {
                    errors += mine.charAt(i) != revealed.bits().charAt(i) ? 1 : 0;
                }
                channel.send(errors).block();
                String remaining = without(sifted, revealed.positions());
                keys.set(1, remaining);
                channel.send(sha256(remaining).equals(channel.recv(String.class).block())).block();
            });
            net.awaitCompletion();

            HeraldedLink model = net.link(alice, bob);
            double alpha = net.alphaFor(alice, bob, setup.minFidelity());
            DeviceParameters da = Predictions.device(spec.node(alice).orElseThrow());
            DeviceParameters db = Predictions.device(spec.node(bob).orElseThrow());
            double fidelity = model.heraldedFidelity(alpha);
            long sifted = keys.get(0).length() + sample[0];
            double[] qberInterval = Statistics.clopperPearson(sample[1], sample[0]);
            double qber = sample[0] == 0 ? 0 : (double) sample[1] / sample[0];
            double secretFraction = Math.max(0, 1 - 2 * Statistics.binaryEntropy(qber));
            long remaining = keys.get(0).length();
            long attempts = net.attempts(alice, bob);
            double rate = (double) pairs / attempts;
            double expected = model.successProbability(alpha);
            double eta = da.efficiencyOver(setup.link().lengthKm() / 2);
            return new Result(spec.seed(), pairs, sifted, sample[0], sample[1], qber, qberInterval[0],
                    qberInterval[1], Predictions.bbm92Qber(model.heraldedState(alpha), da, db), 2 * (1 - fidelity) / 3,
                    secretFraction, remaining, (long) Math.floor(secretFraction * remaining), hashesEqual[0],
                    mismatches(keys.get(0), keys.get(1)), idMismatches(aliceRaw, bobRaw), alpha, fidelity, attempts,
                    rate, Math.sqrt(expected * (1 - expected) / attempts), expected, 2 * alpha * eta,
                    sha256(rawBits(aliceRaw)).substring(0, 16), net.nanos() / 1e9, setup.wallSeconds());
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

    static List<Integer> samplePositions(int n, RandomGenerator random) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < SAMPLE_FRACTION) {
                positions.add(i);
            }
        }
        return List.copyOf(positions);
    }

    static String bitsAt(String key, List<Integer> positions) {
        StringBuilder b = new StringBuilder(positions.size());
        positions.forEach(p -> b.append(key.charAt(p)));
        return b.toString();
    }

    static String without(String key, List<Integer> positions) {
        StringBuilder b = new StringBuilder(key);
        for (int i = positions.size() - 1; i >= 0; i--) {
            b.deleteCharAt(positions.get(i));
        }
        return b.toString();
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
