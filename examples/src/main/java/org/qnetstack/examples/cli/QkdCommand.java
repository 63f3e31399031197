package org.qnetstack.examples.cli;

import java.util.Map;
import org.qnetstack.examples.ExampleOptions;
import org.jspecify.annotations.Nullable;
import org.qnetstack.examples.QkdExample;
import org.qnetstack.examples.QkdSteps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qkd}: BBM92 between the ends of the network's chain, else of its first link. */
@Command(name = "qkd", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"BBM92 key distribution between the ends of a chain (e.g. alice–repeater–bob, kept pairs "
                + "measured at the ends, or with --measure-directly measure-directly pairs), else of the network's "
                + "first link: sifting, parameter estimation with a "
                + "finite-size bound, Cascade, verification, privacy amplification, or an abort that says why."})
final class QkdCommand extends PairExampleCommand {
    @Mixin
    DetectorsOption detectors;


    @Option(names = "--measure-directly", description = "across repeaters, measure-directly pairs that each "
            + "end measures as soon as its half arrives (its qubit freed at once), instead of kept pairs the "
            + "programs measure; over one link pairs are measured directly either way")
    boolean measureDirectly;

    @Mixin
    QualityOptions quality;

    @Override
    QualityOptions qualityOptions() {
        return quality;
    }

    @Option(names = "--count", paramLabel = "N", defaultValue = "" + QkdExample.DEFAULT_PAIRS,
            description = "pairs (default: ${DEFAULT-VALUE}); the finite-size bound needs about 20,000 at a QBER of 4%%")
    void pairs(int n) {
        setCount(n);
    }

    QkdCommand(Io io) {
        super(io);
    }

    @Override
    double defaultMinFidelity() {
        return QkdExample.MIN_FIDELITY;
    }

    @Override
    String counted() {
        return "pairs";
    }

    @Override
    boolean serialDetectors() {
        return detectors.serial;
    }

    /** The mode is in the run's settings only when asked for, so runs without the flag report as before. */
    @Override
    Map<String, Object> settings() {
        Map<String, Object> s = super.settings();
        if (measureDirectly) {
            s.put("measure directly", true);
        }
        return s;
    }

    private QkdExample.@Nullable Run last;

    @Override
    Record run(ExampleOptions options) {
        last = QkdExample.runWithKeys(options, measureDirectly);
        return last.result();
    }

    @Override
    Map<String, String> why(Record result) {
        return QkdSteps.why((QkdExample.Result) result);
    }

    @Override
    String afterword(Record result) {
        String advice = last == null ? "" : QkdSteps.advice(last, Cli.given(spec));
        return advice.isEmpty() ? "" : "no key: " + advice;
    }
}
