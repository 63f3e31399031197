package org.qnetstack.examples.cli;

import java.util.Map;
import org.qnetstack.examples.EavesdropExample;
import org.qnetstack.examples.ExampleOptions;
import org.qnetstack.examples.QkdExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eavesdrop}: qkd with an intercept-resend eavesdropper, run after run. */
@Command(name = "eavesdrop", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"qkd with an intercept-resend eavesdropper on the first link (over a chain: one link of "
                + "it), run after run: every run must abort. Noiseless devices by default, so that every error "
                + "is hers (give --config classpath:networks/two-nodes-nv.yaml for NV devices); a run without "
                + "her on the same network shows the key she prevents."})
final class EavesdropCommand extends PairExampleCommand {
    private int runs;

    @Option(names = "--count", paramLabel = "N", defaultValue = "" + EavesdropExample.DEFAULT_PAIRS,
            description = "pairs per run (default: ${DEFAULT-VALUE})")
    void pairs(int n) {
        setCount(n);
    }

    @Option(names = "--runs", paramLabel = "N", defaultValue = "" + EavesdropExample.DEFAULT_RUNS,
            description = "runs with the eavesdropper (default: ${DEFAULT-VALUE})")
    void runs(int n) {
        runs = CommonOptions.atLeastOne(spec, "--runs", n);
    }

    EavesdropCommand(Io io) {
        super(io);
    }

    @Override
    String defaultConfig() {
        return EavesdropExample.DEFAULT_CONFIG;
    }

    @Override
    double defaultMinFidelity() {
        return QkdExample.MIN_FIDELITY;
    }

    @Override
    String counted() {
        return "pairs per run";
    }

    @Override
    Map<String, Object> settings() {
        Map<String, Object> s = super.settings();
        s.put("runs", runs);
        s.put("eavesdropper", "intercept-resend on the first link");
        return s;
    }

    @Override
    Record run(ExampleOptions options) {
        return EavesdropExample.run(options, runs);
    }
}
