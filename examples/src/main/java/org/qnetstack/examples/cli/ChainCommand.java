package org.qnetstack.examples.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.qnetstack.examples.ChainExample;
import org.qnetstack.examples.Configuration;
import org.qnetstack.examples.ExampleOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chain}: repeater chains against distance, beside PLOB. */
@Command(name = "chain", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Repeater chains (N = 0, 1, 3, 7 repeaters) against total distance, with and without one "
                + "DEJMPS round per link, beside the repeaterless PLOB bound: a table, and a chart where --out "
                + "says (none without it). The chains' devices: the generic preset with memories that keep their "
                + "state for seconds and Werner 0.97 links, or the first node and link of --config FILE."})
final class ChainCommand extends ExampleCommand {
    /** --config means something else here: where the chains' devices come from. */
    static final String CONFIG_DESCRIPTION = "take the chains' device and link fields from the first node and "
            + "link of this network file or classpath:RESOURCE (default: the generic preset, 100 s memories, "
            + "Werner 0.97 links)";

    private int pairs;

    @Option(names = "--count", paramLabel = "N", defaultValue = "" + ChainExample.DEFAULT_PAIRS,
            description = "end-to-end pairs per chain and distance (default: ${DEFAULT-VALUE})")
    void pairs(int n) {
        pairs = CommonOptions.atLeastOne(spec, "--count", n);
    }

    @Option(names = "--out", paramLabel = "FILE",
            description = "write the chart (PNG) here; without it no file is written")
    @Nullable Path out;

    ChainCommand(Io io) {
        super(io);
    }

    @Override
    @Nullable String defaultConfig() {
        return null;
    }

    @Override
    String configDescription() {
        return CONFIG_DESCRIPTION;
    }

    @Override
    String counted() {
        return "pairs per point";
    }

    @Override
    int count() {
        return pairs;
    }

    @Override
    Configuration configuration(ExampleOptions options) {
        return ChainExample.configuration(options, out);
    }

    @Override
    Record run(ExampleOptions options) {
        return ChainExample.run(options, out);
    }
}
