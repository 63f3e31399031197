package org.qnetstack.examples.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.qnetstack.examples.Progress;
import org.qnetstack.examples.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: runs the performance scenarios of issue 8 on the calling thread and prints each figure beside
 * its target, as a table or (with {@code --json}) one JSON object per scenario with the machine it ran on.
 * {@code --quick} runs smaller sizes (a smoke test, not the figures of record); {@code --only a,b} picks
 * scenarios by name: kernel, gate, link, chain, scaling, topologies, memory, qkd, throughput, realtime. Beside each
 * figure: events and classical messages per pair where pairs are made, the peak heap, and for link, chain and qkd
 * the cold figure of a fresh JVM ({@code --cold} runs one scenario so, in the child process).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"The performance scenarios (one core each), each figure beside its target."})
public final class BenchCommand implements Callable<Integer> {
    /** Every scenario, in the order they run. */
    static final String ALL = "kernel,gate,link,chain,scaling,topologies,memory,qkd,throughput,realtime";

    private final PrintStream out;

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "smaller sizes: a smoke test, not the figures of record")
    boolean quick;

    @Option(names = "--json", description = "one JSON object per scenario, with the machine it ran on")
    boolean json;

    @Option(names = "--only", split = ",", paramLabel = "SCENARIO", defaultValue = ALL,
            description = "the scenarios to run, comma-separated (default: ${DEFAULT-VALUE})")
    List<String> only;

    @Option(names = "--cold", description = "time one run of each scenario with no warm-up (what a fresh JVM "
            + "gives); the bench itself runs link, chain and qkd so in a child JVM, beside the warm figures")
    boolean cold;

    @Option(names = "--no-cold", description = "skip the child JVMs of the cold figures")
    boolean noCold;

    @Option(names = {"-q", "--quiet"}, description = "no progress")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "progress even when stderr is not a terminal")
    boolean verbose;

    private static final Map<String, Function<BenchScenarios.Mode, List<BenchScenarios.Result>>> SCENARIOS =
            scenarios();
    /** The scenarios whose cold figure (one run in a fresh JVM) the bench measures in a child process. */
    private static final Set<String> COLD = Set.of("link", "chain", "qkd");

    public BenchCommand(PrintStream out) {
        this.out = out;
    }

    private static Map<String, Function<BenchScenarios.Mode, List<BenchScenarios.Result>>> scenarios() {
        Map<String, Function<BenchScenarios.Mode, List<BenchScenarios.Result>>> m = new LinkedHashMap<>();
        m.put("kernel", q -> List.of(BenchScenarios.kernel(q)));
        m.put("gate", q -> List.of(BenchScenarios.twoQubitGate(q)));
        m.put("link", q -> List.of(BenchScenarios.oneLink(q, false)));
        m.put("chain", q -> List.of(BenchScenarios.chain5(q)));
        m.put("scaling", q -> List.of(BenchScenarios.scaling(q)));
        m.put("topologies", q -> List.of(Topologies.scenario(q)));
        m.put("memory", q -> List.of(BenchScenarios.memory(q)));
        m.put("qkd", q -> List.of(BenchScenarios.oneLink(q, true)));
        m.put("throughput", q -> LinkThroughput.figures(q.quick() ? 500 : 2000).stream().map(LinkThroughput::asResult)
                .toList());
        m.put("realtime", q -> RealTimeBench.figures(q.quick()));
        return m;
    }

    /** The machine a figure was measured on. */
    record Machine(int cores, String cpu, String jvm, long maxHeapMiB, String os) {
        static Machine current() {
            String cpu = "unknown";
            try {
                cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
            } catch (java.io.IOException | SecurityException e) {
                // not Linux: the model stays unknown
            }
            return new Machine(Runtime.getRuntime().availableProcessors(), cpu,
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    Runtime.getRuntime().maxMemory() >> 20, System.getProperty("os.name") + " "
                            + System.getProperty("os.arch"));
        }
    }

    @Override
    public Integer call() {
        Set<String> unknown = new TreeSet<>(only);
        unknown.removeAll(SCENARIOS.keySet());
        if (!unknown.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--only: unknown scenario(s) " + unknown
                    + "; choose from " + SCENARIOS.keySet());
        }
        Progress.configure(Progress.modeFor(quiet, verbose), System.err);
        Machine machine = Machine.current();
        ObjectMapper mapper = new ObjectMapper();
        if (!json) {
            out.printf(Locale.ROOT, "configuration: scenarios %s%s%n", String.join(",", only),
                    quick ? ", --quick (smaller sizes)" : "");
            out.printf(Locale.ROOT, "machine: %d cores, %s, %s, max heap %d MiB, %s (CPU time of one thread)%n",
                    machine.cores(), machine.cpu(), machine.jvm(), machine.maxHeapMiB(), machine.os());
            out.printf(Locale.ROOT, "%-44s %14s %-34s %12s %s%n", "scenario", "figure", "unit", "target", "met");
        }
        BenchScenarios.Mode mode = new BenchScenarios.Mode(quick, cold);
        try (Progress.Task progress = Progress.start("bench: scenarios", only.size())) {
            for (String name : only) {
                Map<String, Object> coldFigures = cold || noCold || !COLD.contains(name) ? Map.of()
                        : ColdRun.inChildJvm(name, quick);
                ColdRun.resetPeakHeap();
                List<BenchScenarios.Result> results = SCENARIOS.get(name).apply(mode);
                long peakMiB = ColdRun.peakHeapBytes() >> 20;
                print(results.stream().map(r -> r.with(peakMiB, coldFigures)).toList(), machine, mapper);
                progress.step();
            }
        }
        if (quick && !json) {
            out.println("(--quick: smaller sizes, a smoke test; run without it for the figures of record)");
        }
        return 0;
    }

    private void print(List<BenchScenarios.Result> results, Machine machine, ObjectMapper mapper) {
        for (BenchScenarios.Result r : results) {
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("scenario", r.scenario());
                o.put("figure", r.figure());
                o.put("unit", r.unit());
                o.put("target", r.target());
                o.put("targetIs", r.atMost() ? "at most" : "at least");
                o.put("met", r.met());
                o.put("quick", quick);
                o.put("details", r.details());
                o.put("machine", machine);
                try {
                    out.println(mapper.writeValueAsString(o));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                String target = Double.isNaN(r.target()) ? String.format(Locale.ROOT, "%12s", "(none)")
                        : String.format(Locale.ROOT, "%s%11.4g", r.atMost() ? "≤" : "≥", r.target());
                String met = Double.isNaN(r.target()) ? "-" : r.met() ? "yes" : "NO";
                out.printf(Locale.ROOT, "%-44s %14.4g %-34s %s %s   %s%n", r.scenario(), r.figure(), r.unit(),
                        target, met, r.details());
            }
        }
    }
}
