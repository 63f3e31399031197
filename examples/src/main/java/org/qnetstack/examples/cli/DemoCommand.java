package org.qnetstack.examples.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qnetstack.examples.Configuration;
import org.qnetstack.examples.ExampleOptions;
import org.qnetstack.examples.Progress;
import org.qnetstack.examples.QkdExample;
import org.qnetstack.examples.QkdSteps;
import org.qnetstack.examples.Report;
import org.qnetstack.examples.TeleportExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The examples without a subcommand: the demo. QKD then teleportation on two trapped-ion nodes 2 km apart
 * ({@code classpath:networks/two-nodes-ion.yaml}; the file says why this network): one line per step of the
 * key's making, the final keys' fingerprints, then the teleported states' fidelity beside its prediction.
 */
@Command(name = "examples", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        subcommandsRepeatable = true, usageHelpAutoWidth = true,
        synopsisSubcommandLabel = "[COMMAND [OPTIONS]]...",
        description = {"qnetstack's examples. Without a command: the demo, QKD (BBM92) then teleportation "
                + "between two trapped-ion nodes 2 km apart, step by step. Several commands may follow one "
                + "another (qkd teleport), each with its own options; 'COMMAND --help' lists a command's options."},
        footer = {"", "Exit codes: 0 ok, 1 a run failed, 2 bad usage or configuration.",
            "Progress shows on stderr when it is a terminal, for runs longer than a few seconds."})
final class DemoCommand implements Callable<Integer> {
    static final String CONFIG = "classpath:networks/two-nodes-ion.yaml";
    /** Enough for the finite-size bound at the demo's QBER of about 4% (the network file has the numbers). */
    static final int PAIRS = 20_000;
    /** The demo network's link gives at most 0.9502 at 2 km: 0.95 keeps the QBER near 4%. */
    static final double QKD_MIN_FIDELITY = 0.95;

    private final Io io;

    @Mixin
    CommonOptions common;

    @Mixin
    DetectorsOption detectors;

    @Spec
    CommandSpec spec;

    private int count;
    private double minFidelity = Double.NaN;

    @Option(names = "--count", paramLabel = "N", description = "pairs for qkd and trials for teleport (default: "
            + PAIRS + " pairs, " + TeleportExample.DEFAULT_TRIALS + " trials)")
    void count(int n) {
        count = CommonOptions.atLeastOne(spec, "--count", n);
    }

    @Option(names = "--min-fidelity", paramLabel = "F", description = "the fidelity to ask of each pair (default: "
            + "qkd " + QKD_MIN_FIDELITY + " on the demo's network, " + QkdExample.MIN_FIDELITY + " on any other; "
            + "teleport " + TeleportExample.MIN_FIDELITY + ")")
    void minFidelity(double f) {
        minFidelity = CommonOptions.fidelity(spec, "--min-fidelity", f);
    }

    DemoCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        Progress.configure(common.progress(), io.err());
        String config = common.config != null ? common.config : CONFIG;
        double qkdFidelity = !Double.isNaN(minFidelity) ? minFidelity
                : config.equals(CONFIG) ? QKD_MIN_FIDELITY : QkdExample.MIN_FIDELITY;
        double teleportFidelity = Double.isNaN(minFidelity) ? TeleportExample.MIN_FIDELITY : minFidelity;
        ExampleOptions qkd = new ExampleOptions(common.seed, config, common.json, count > 0 ? count : PAIRS,
                qkdFidelity, detectors.serial);
        ExampleOptions teleport = new ExampleOptions(common.seed, config, common.json,
                count > 0 ? count : TeleportExample.DEFAULT_TRIALS, teleportFidelity, false);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("qkd pairs", qkd.count());
        settings.put("qkd min fidelity", qkdFidelity);
        settings.put("teleport trials", teleport.count());
        settings.put("teleport min fidelity", teleportFidelity);
        Configuration configuration = Configuration.of(config, qkd.network(), settings);
        boolean text = !common.json;
        if (text && !common.quiet) {
            io.out().print(configuration.text());
            io.out().flush();
        }

        QkdExample.Run run = QkdExample.runWithKeys(qkd);
        if (text) {
            io.out().println("qkd (BBM92), step by step:");
            QkdSteps.lines(run).forEach(l -> io.out().println("  " + l));
            if (common.verbose) {
                io.out().print(Report.table("qkd", run.result(), QkdSteps.why(run.result())));
            }
        } else {
            io.out().println(Report.toJson(run.result(), configuration));
        }
        String advice = QkdSteps.advice(run, Cli.given(spec));
        if (!advice.isEmpty()) {
            (text ? io.out() : io.err()).println("  no key: " + advice);
        }
        io.out().flush();

        TeleportExample.Result t = TeleportExample.run(teleport);
        if (text) {
            io.out().printf(Locale.ROOT, "teleport: %d random states from %s: fidelity %.4f ± %.4f (95%%), predicted "
                            + "%.4f with both devices' gate and readout errors ((2F+1)/3 = %.4f at the pairs' mean "
                            + "fidelity %.4f; without entanglement at most %.4f)%n", t.trials(),
                    t.path().replace("-", " to "), t.meanFidelity(), t.meanFidelityHalfWidth(),
                    t.predictedWithDeviceNoise(), t.predictedFidelity(), t.pairFidelity(), t.classicalLimit());
            if (common.verbose) {
                io.out().print(Report.table("teleport", t));
            }
        } else {
            io.out().println(Report.toJson(t, configuration));
        }
        return 0;
    }
}
