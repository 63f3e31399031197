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
import java.util.function.Function;

/**
 * {@code bench}: runs the performance scenarios of issue 8 on the calling thread and prints each figure beside
 * its target, as a table or (with {@code --json}) one JSON object per scenario with the machine it ran on.
 * {@code --quick} runs smaller sizes (a smoke test, not the figures of record); {@code --only a,b} picks
 * scenarios by name: kernel, gate, link, chain, scaling, memory, qkd, throughput.
 */
public final class BenchCommand {
    public static final String USAGE = """

            bench [--quick] [--json] [--only kernel,gate,link,chain,scaling,memory,qkd,throughput]
              runs the performance scenarios (one core) and prints each figure beside its target
            """;

    private static final Map<String, Function<Boolean, List<BenchScenarios.Result>>> SCENARIOS = scenarios();

    private BenchCommand() {
    }

    private static Map<String, Function<Boolean, List<BenchScenarios.Result>>> scenarios() {
        Map<String, Function<Boolean, List<BenchScenarios.Result>>> m = new LinkedHashMap<>();
        m.put("kernel", q -> List.of(BenchScenarios.kernel(q)));
        m.put("gate", q -> List.of(BenchScenarios.twoQubitGate(q)));
        m.put("link", q -> List.of(BenchScenarios.oneLink(q, false)));
        m.put("chain", q -> List.of(BenchScenarios.chain5(q)));
        m.put("scaling", q -> List.of(BenchScenarios.scaling(q)));
        m.put("memory", q -> List.of(BenchScenarios.memory(q)));
        m.put("qkd", q -> List.of(BenchScenarios.oneLink(q, true)));
        m.put("throughput", q -> LinkThroughput.figures(q ? 500 : 2000).stream().map(LinkThroughput::asResult)
                .toList());
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

    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean quick = false;
        boolean json = false;
        List<String> only = new ArrayList<>(SCENARIOS.keySet());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--json" -> json = true;
                case "--only" -> {
                    if (i + 1 >= args.length) {
                        err.println("error: --only needs a list of scenarios" + USAGE);
                        return 2;
                    }
                    only = List.of(args[++i].split(","));
                    Set<String> unknown = new java.util.TreeSet<>(only);
                    unknown.removeAll(SCENARIOS.keySet());
                    if (!unknown.isEmpty()) {
                        err.println("error: unknown scenario(s) " + unknown + "; choose from " + SCENARIOS.keySet());
                        return 2;
                    }
                }
                default -> {
                    err.println("error: unknown argument '" + args[i] + "'" + USAGE);
                    return 2;
                }
            }
        }
        Machine machine = Machine.current();
        ObjectMapper mapper = new ObjectMapper();
        if (!json) {
            out.printf(Locale.ROOT, "machine: %d cores, %s, %s, max heap %d MiB, %s (CPU time of one thread)%n",
                    machine.cores(), machine.cpu(), machine.jvm(), machine.maxHeapMiB(), machine.os());
            out.printf(Locale.ROOT, "%-44s %14s %-34s %12s %s%n", "scenario", "figure", "unit", "target", "met");
        }
        for (String name : only) {
            for (BenchScenarios.Result r : SCENARIOS.get(name).apply(quick)) {
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
                    out.printf(Locale.ROOT, "%-44s %14.4g %-34s %s%11.4g %s   %s%n", r.scenario(), r.figure(), r.unit(),
                            r.atMost() ? "≤" : "≥", r.target(), r.met() ? "yes" : "NO", r.details());
                }
            }
        }
        if (quick && !json) {
            out.println("(--quick: smaller sizes, a smoke test; run without it for the figures of record)");
        }
        return 0;
    }
}
