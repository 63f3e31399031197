package org.qnetstack.examples.stages;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.apps.stages.Certification;
import org.qnetstack.apps.stages.CertificationPlan;
import org.qnetstack.apps.stages.Criterion;
import org.qnetstack.apps.stages.NetworkCertificate;
import org.qnetstack.apps.stages.NodeEvidence;
import org.qnetstack.apps.stages.PairCertificate;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;

/**
 * {@code stages}: certifies every pair of end nodes of the configured network ({@code --nodes} to choose them)
 * with {@link Certification}, prints the stage per pair and of the network with the evidence per criterion
 * (or the certificate as JSON), and writes the chart of stored-pair fidelity against storage time.
 */
public final class StagesCommand {
    private StagesCommand() {
    }

    public static NetworkCertificate run(StagesCli.Options options, PrintStream out) {
        PlatformSpec spec = options.example().network();
        List<String> nodes = options.nodes().isEmpty() ? spec.nodes().stream().map(NodeSpec::name).toList()
                : options.nodes();
        for (String n : nodes) {
            if (spec.node(n).isEmpty()) {
                throw new IllegalArgumentException("--nodes: no node '" + n + "' in the network");
            }
        }
        CertificationPlan d = CertificationPlan.defaults();
        CertificationPlan plan = options.example().count() > 0 ? new CertificationPlan(options.example().count(),
                d.storageRounds(), d.localRounds(), d.gateRounds(), d.rounds(), d.depth(), d.minFidelity()) : d;
        NetworkCertificate certificate = Certification.certify(
                run -> SimulatedNetwork.of(NetworkConfig.withSeed(spec, spec.seed() + run)), nodes, plan);
        if (options.chart() != null) {
            try {
                StagesChart.write(certificate, options.chart());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the chart " + options.chart(), e);
            }
        }
        if (!options.example().json()) {
            out.print(table(certificate));
            if (options.chart() != null) {
                out.println("  chart: " + options.chart());
            }
        }
        return certificate;
    }

    static String table(NetworkCertificate c) {
        StringBuilder b = new StringBuilder("== stages ==\n");
        b.append(f("  network: stage %d (%s), set by %s%n", c.stage(), c.stageName(), c.weakestPair()));
        b.append(f("  t = %.4g ms (one pair and one message, worst pair); C_m = %.4g ms (m = %d); storage k·(t + C_m)"
                + " = %.4g ms (k = %d)%n", c.tNanos() / 1e6, c.circuitNanos() / 1e6, c.plan().depth(),
                c.storageNanos() / 1e6, c.plan().rounds()));
        b.append("  intervals: 95% two-sided Clopper–Pearson; criteria judged at their pessimistic ends\n");
        for (NodeEvidence n : c.nodes()) {
            b.append(f("  node %-10s ε_M ≤ %.4f   CNOT ε ≤ %.4f%s%n", n.node(), n.measurementError(),
                    n.twoQubitGateError(), n.gateProblem() == null ? "" : " (" + n.gateProblem() + ")"));
        }
        for (PairCertificate p : c.pairs()) {
            b.append(f("  %s–%s: stage %d (%s)%n", p.first(), p.second(), p.stage(), p.stageName()));
            for (Criterion k : p.criteria()) {
                b.append(f("    [%s] stage %d  %-38s %.4g ≤ %.4g  %s%n", k.holds() ? "ok" : "--", k.stage(), k.name(),
                        k.value(), k.bound(), k.evidence()));
            }
            b.append("    next: ").append(p.next()).append('\n');
        }
        return b.toString();
    }

    private static String f(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
