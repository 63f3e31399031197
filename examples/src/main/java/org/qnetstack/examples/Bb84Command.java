package org.qnetstack.examples;

import java.io.PrintStream;
import java.util.SplittableRandom;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.apps.bb84.Bb84;
import org.qnetstack.apps.bb84.DecoyState;
import org.qnetstack.apps.qkd.Bbm92PostProcessing;
import org.qnetstack.apps.qkd.PostProcessingParameters;
import org.qnetstack.apps.qkd.PostProcessingResult;
import org.qnetstack.examples.stages.StagesCli;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.sim.device.DeviceParameters;

/**
 * {@code bb84}: stage 2's QKD on the network's first link, Alice preparing BB84 states at Bob by remote state
 * preparation over pairs measured at once ({@link Bb84} says why that is prepare and measure), then the
 * finite-key post-processing of {@code apps.qkd}. Beside the figures: the QBER predicted from the link's
 * heralded state and the devices' readout, the key fraction the secure-length formula gives at that QBER (with
 * its spread), the physical layer's attempts per pair (loss), and what a weak coherent source with
 * vacuum + weak decoys would give over the same transmittance. With {@code --eve} an intercept-resend attacker
 * measures Bob's half of every pair on the link first.
 */
public final class Bb84Command {
    static final int DEFAULT_PAIRS = 20_000;
    static final double MIN_FIDELITY = 0.8;
    /** Signal and decoy intensities of the weak-coherent comparison (Ma et al. 2005's optimum is near these). */
    static final double SIGNAL = 0.5;
    static final double DECOY = 0.1;

    /**
     * The figures of one run; keyFraction is final bits per reconciled bit, expectedKeyFraction ± sigma what the
     * formula gives at predictedQber; successPerAttempt the physical layer's delivered pairs per attempt.
     */
    public record Result(long seed, String link, boolean eve, int pairs, long attempts, double successPerAttempt,
                         int siftedBits, double qber, double qberLow, double qberHigh, double predictedQber,
                         String outcome, String reason, long finalKeyBits, boolean keysIdentical, double keyFraction,
                         double expectedKeyFraction, double keyFractionSigma, double decoyRatePerPulse,
                         double simulatedSeconds) {
    }

    private Bb84Command() {
    }

    public static Result run(StagesCli.Options options, PrintStream out) {
        PlatformSpec base = options.example().network();
        LinkSpec link = base.links().get(0);
        PlatformSpec spec = options.eve() ? base.withOption("interceptResend", link.name()) : base;
        int pairs = options.example().count() > 0 ? options.example().count() : DEFAULT_PAIRS;
        Bb84.Sifted[] sides = new Bb84.Sifted[2];
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            net.run(link.nodeA(), node -> sides[0] = Bb84.alice(node, link.nodeB(), pairs, MIN_FIDELITY));
            net.run(link.nodeB(), node -> sides[1] = Bb84.bob(node, link.nodeA(), pairs));
            net.awaitCompletion();
            PostProcessingParameters params = PostProcessingParameters.defaults();
            PostProcessingResult pp = Bbm92PostProcessing.run(sides[0].sifted(), sides[1].sifted(), params,
                    new SplittableRandom(spec.seed() ^ 0x9e3779b97f4a7c15L));
            double alpha = net.alphaFor(link.nodeA(), link.nodeB(), MIN_FIDELITY);
            DeviceParameters da = Predictions.device(spec.node(link.nodeA()).orElseThrow());
            DeviceParameters db = Predictions.device(spec.node(link.nodeB()).orElseThrow());
            double predicted = Predictions.bbm92Qber(net.link(link.nodeA(), link.nodeB()).heraldedState(alpha), da,
                    db);
            long attempts = net.attempts(link.nodeA(), link.nodeB());
            QkdExample.KeyFraction key = QkdExample.KeyFraction.of(pp, params, predicted);
            long bits = pp.aborted() ? 0 : pp.key().length();
            Result r = new Result(spec.seed(), link.name(), options.eve(), pairs, attempts, (double) pairs / attempts,
                    sides[0].sifted().length(), pp.qber().qber(), pp.qber().clopperPearson().low(),
                    pp.qber().clopperPearson().high(), predicted, pp.outcome().name(), pp.reason(), bits,
                    !pp.aborted() && pp.aliceKey().equals(pp.bobKey()),
                    pp.reconciledBits() == 0 ? 0 : (double) bits / pp.reconciledBits(), key.expected(), key.sigma(),
                    decoyRate(da.efficiencyOver(link.lengthKm()), predicted), net.nanos() / 1e9);
            if (!options.example().json()) {
                out.println(Report.table("bb84", r));
            }
            return r;
        }
    }

    /**
     * The key per pulse a weak coherent source at node A would give with vacuum + weak decoys over the whole link
     * (the node's emission-to-detection efficiency and the fibre's loss to the far end) at the same error rate,
     * dark counts aside.
     */
    static double decoyRate(double transmittance, double qber) {
        DecoyState.Observation signal = DecoyState.Observation.expected(SIGNAL, transmittance, 0, qber);
        DecoyState.Observation decoy = DecoyState.Observation.expected(DECOY, transmittance, 0, qber);
        return DecoyState.bounds(signal, decoy, 0, 1.16).rate();
    }
}
