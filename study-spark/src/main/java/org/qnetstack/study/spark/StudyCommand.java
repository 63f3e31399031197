package org.qnetstack.study.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.qnetstack.api.InvalidConfigurationException;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.study.LocalExecutor;
import org.qnetstack.study.PairsTask;
import org.qnetstack.study.PointResult;
import org.qnetstack.study.Study;
import org.qnetstack.study.StudyChart;
import org.qnetstack.study.StudyExecutor;
import org.qnetstack.study.StudyGrid;
import org.qnetstack.study.StudyProgress;
import org.qnetstack.study.StudyResults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code study} command: a grid of configurations × varied fields × seeds, each point measured by the pairs
 * task, on every core (default), on Spark embedded ({@code --spark}) or on a cluster ({@code --master}). Writes
 * the table as CSV and JSON lines and a chart per figure against the first varied field.
 */
@Command(name = "study", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a parameter study: every configuration × every combination of the varied fields × "
                + "every seed, each point a simulation of its own (kept pairs between the network's ends, measured "
                + "in Z or X at both ends). The same study gives the same table on one core, on all cores and on Spark.",
            "Example: study --config classpath:networks/two-nodes-generic.yaml --vary links[0].lengthKm=5,10,20,40 "
                + "--seeds 1..50 --out build/study"},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every point succeeded", "1:some points failed (they are in the table with their errors)",
            "2:bad usage or configuration"})
public final class StudyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "classpath:networks/two-nodes-generic.yaml",
            description = "a network configuration (file or classpath:RESOURCE); repeat for several (default: ${DEFAULT-VALUE})")
    List<String> configurations = new ArrayList<>();

    @Option(names = "--vary", paramLabel = "PATH=V1,V2,…",
            description = "a configuration field and the values it takes, e.g. links[0].lengthKm=5,10,20 or "
                    + "nodes[1].device.electronT2=0.5s,1s; repeat for more fields")
    List<String> varied = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "FIRST..LAST|N", defaultValue = "1..10",
            description = "the seeds of each point: a range FIRST..LAST or a count N (1..N) (default: ${DEFAULT-VALUE})")
    String seeds;

    @Option(names = "--pairs", defaultValue = "100", description = "pairs per point (default: ${DEFAULT-VALUE})")
    int pairs;

    @Option(names = "--min-fidelity", defaultValue = "0",
            description = "the fidelity each pair is asked for; 0: whatever the link gives (default: ${DEFAULT-VALUE})")
    double minFidelity;

    @Option(names = "--threads", description = "local threads (default: one per core)")
    Integer threads;

    @Option(names = "--spark", description = "run on Apache Spark embedded in this process (local[*])")
    boolean spark;

    @Option(names = "--master", paramLabel = "URL",
            description = "run on Spark at this master (local[N], spark://host:7077, yarn, k8s://…); see docs/studies.md")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "a Spark property, as spark-submit --conf takes it (e.g. spark.jars=…, spark.executor.memory=2g)")
    List<String> sparkConf = new ArrayList<>();

    @Option(names = "--attempts", defaultValue = "3",
            description = "tries per point before it is reported as failed (default: ${DEFAULT-VALUE})")
    int attempts;

    @Option(names = "--out", paramLabel = "PREFIX",
            description = "write PREFIX.csv, PREFIX.jsonl and PREFIX-FIGURE.png; without it the CSV goes to standard output")
    Path out;

    @Option(names = "--json", description = "print the results as JSON lines instead of CSV")
    boolean json;

    @Option(names = "--quiet", description = "no progress on standard error")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Study study;
        try {
            study = Study.of(grid(), new PairsTask(pairs, minFidelity)).maxAttempts(attempts).on(executor());
        } catch (IllegalArgumentException | ConfigurationException | InvalidConfigurationException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        stderr.println("study: " + study.grid().size() + " points on " + study.executor().describe());
        stderr.flush();
        long start = System.nanoTime();
        StudyResults results = study.progress(progress(stderr, start)).run();
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            results.writeCsv(Path.of(out + ".csv"));
            results.writeJsonLines(Path.of(out + ".jsonl"));
            List<String> written = new ArrayList<>(List.of(out + ".csv", out + ".jsonl"));
            if (!varied.isEmpty() && results.failed().size() < results.all().size()) {
                String x = varied.get(0).substring(0, varied.get(0).indexOf('='));
                for (String figure : List.of("pairsPerSecond", "qberZ", "qberX", "modelFidelity")) {
                    Path png = Path.of(out + "-" + figure + ".png");
                    StudyChart.writePng(results, x, figure, String.format(Locale.ROOT,
                            "%d pairs per point, seeds %s, %s", pairs, seeds, String.join(", ", configurations)), png);
                    written.add(png.toString());
                }
            }
            stdout.println("wrote " + String.join(", ", written));
        } else {
            stdout.print(json ? results.toJsonLines() : results.toCsv());
        }
        for (PointResult failed : results.failed()) {
            stderr.println("point " + failed.point().index() + " " + failed.point().settings() + " seed "
                    + failed.point().seed() + " failed after " + failed.attempts() + " tries: " + failed.error());
        }
        stderr.printf(Locale.ROOT, "study: %d points, %d failed, %.1f s%n", results.all().size(),
                results.failed().size(), (System.nanoTime() - start) / 1e9);
        stdout.flush();
        stderr.flush();
        return results.failed().isEmpty() ? 0 : 1;
    }

    StudyGrid grid() {
        StudyGrid grid = StudyGrid.of(configurations.toArray(String[]::new));
        for (String v : varied) {
            int eq = v.indexOf('=');
            if (eq <= 0 || eq == v.length() - 1) {
                throw new IllegalArgumentException("--vary takes PATH=V1,V2,… (was '" + v + "')");
            }
            grid = grid.vary(v.substring(0, eq), (Object[]) v.substring(eq + 1).split(","));
        }
        String s = seeds.trim();
        try {
            if (s.contains("..")) {
                long first = Long.parseLong(s.substring(0, s.indexOf("..")));
                long last = Long.parseLong(s.substring(s.indexOf("..") + 2));
                if (last < first || last - first >= Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("--seeds FIRST..LAST needs FIRST ≤ LAST (was " + s + ")");
                }
                return grid.seeds(first, (int) (last - first + 1));
            }
            return grid.seeds(1, Integer.parseInt(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seeds takes FIRST..LAST or a count (was '" + s + "')", e);
        }
    }

    private StudyExecutor executor() {
        if (master != null && (spark || threads != null) || spark && threads != null) {
            throw new IllegalArgumentException("choose one of --threads, --spark and --master");
        }
        if (!sparkConf.isEmpty() && master == null && !spark) {
            throw new IllegalArgumentException("--conf sets Spark properties: use it with --spark or --master");
        }
        if (master != null || spark) {
            SparkExecutor executor = master != null ? SparkExecutor.master(master) : SparkExecutor.local();
            for (String c : sparkConf) {
                int eq = c.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--conf takes KEY=VALUE (was '" + c + "')");
                }
                executor = executor.conf(c.substring(0, eq), c.substring(eq + 1));
            }
            return executor;
        }
        return threads == null ? LocalExecutor.allCores() : LocalExecutor.threads(threads);
    }

    /** Progress on standard error, only on a terminal, at most once a second. */
    private StudyProgress progress(PrintWriter stderr, long start) {
        if (quiet || System.console() == null) {
            return StudyProgress.NONE;
        }
        long[] last = {0};
        return (done, failed, total) -> {
            long now = System.nanoTime();
            if (now - last[0] < 1_000_000_000L && done < total) {
                return;
            }
            last[0] = now;
            double elapsed = (now - start) / 1e9;
            double left = done == 0 ? Double.NaN : elapsed / done * (total - done);
            stderr.printf(Locale.ROOT, "\rstudy: %d/%d points, %d failed, about %.0f s left   %s", done, total, failed,
                    left, done == total ? "\n" : "");
            stderr.flush();
        };
    }

    /** Runs the command on its own: {@code java … org.qnetstack.study.spark.StudyCommand --help}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new StudyCommand()).execute(args));
    }
}
