package org.qnetstack.study.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.qnetstack.study.PointResult;
import org.qnetstack.study.PointRunner;
import org.qnetstack.study.StudyExecutor;
import org.qnetstack.study.StudyPoint;
import org.qnetstack.study.StudyProgress;
import org.qnetstack.study.StudyTask;

/**
 * Runs a study's points as Spark tasks, one point per task. Each point runs through {@link PointRunner}, so a
 * point that throws is tried again inside its task and a failed point comes back with its error; a task lost
 * with its executor is run again by Spark ({@code spark.task.maxFailures}). Progress counts finished tasks.
 *
 * <p>Local mode binds the driver to the loopback address and turns the web UI off: an embedded study opens no
 * port beyond this machine. On a cluster the application jar (this module with its dependencies and the
 * study's task classes) must reach the executors, as for any Spark job: see {@code docs/studies.md}.
 */
public final class SparkExecutor implements StudyExecutor {
    private final String master;
    private final int taskFailures;
    private final Map<String, String> conf;

    private SparkExecutor(String master, int taskFailures, Map<String, String> conf) {
        this.master = master;
        this.taskFailures = taskFailures;
        this.conf = conf;
    }

    /** Spark embedded in this process on every core ({@code local[*]}). */
    public static SparkExecutor local() {
        return master("local[*]");
    }

    /**
     * Spark at this master URL: {@code local[N]}, {@code local[*]}, {@code spark://host:port}, {@code yarn}, or a
     * Kubernetes URL ({@code k8s://…}).
     */
    public static SparkExecutor master(String master) {
        Objects.requireNonNull(master, "master");
        if (master.isBlank()) {
            throw new IllegalArgumentException("the Spark master URL is blank (e.g. local[*] or spark://host:7077)");
        }
        return new SparkExecutor(master, 4, Map.of());
    }

    /**
     * The same executor with one more Spark property, as {@code spark-submit --conf} takes it: for a cluster,
     * typically {@code spark.jars} (the study's jars, shipped to the executors) or
     * {@code spark.executor.extraClassPath} (where they already are on every worker), and executor memory.
     */
    public SparkExecutor conf(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (!key.startsWith("spark.")) {
            throw new IllegalArgumentException("Spark properties start with 'spark.' (was '" + key + "')");
        }
        Map<String, String> next = new TreeMap<>(conf);
        next.put(key, value);
        return new SparkExecutor(master, taskFailures, Collections.unmodifiableMap(next));
    }

    @Override
    public List<PointResult> execute(List<StudyPoint> points, StudyTask task, int maxAttempts, StudyProgress progress) {
        if (points.isEmpty()) {
            return List.of();
        }
        SparkConf sparkConf = new SparkConf().setMaster(localWithRetries()).setAppName("qnetstack study")
                .set("spark.task.maxFailures", Integer.toString(taskFailures));
        conf.forEach(sparkConf::set);
        if (master.startsWith("local")) {
            sparkConf.set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
        }
        AtomicInteger done = new AtomicInteger();
        try (JavaSparkContext spark = new JavaSparkContext(sparkConf)) {
            spark.setLogLevel("WARN");
            spark.sc().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    if (end.taskInfo().successful()) {
                        int d = done.incrementAndGet();
                        synchronized (progress) {
                            progress.update(d, 0, points.size());
                        }
                    }
                }
            });
            List<PointResult> results = new ArrayList<>(spark.parallelize(points, points.size())
                    .map(point -> PointRunner.run(point, task, maxAttempts)).collect());
            results.sort(Comparator.comparingInt(r -> r.point().index()));
            int failed = (int) results.stream().filter(r -> !r.ok()).count();
            synchronized (progress) {
                progress.update(results.size(), failed, points.size());
            }
            return results;
        }
    }

    /** In local mode Spark does not retry a failed task unless the master says how often: {@code local[N,F]}. */
    private String localWithRetries() {
        if (master.matches("local\\[(\\d+|\\*)]")) {
            return master.substring(0, master.length() - 1) + "," + taskFailures + "]";
        }
        return master.equals("local") ? "local[1," + taskFailures + "]" : master;
    }

    @Override
    public String describe() {
        return "Spark, master " + master;
    }
}
