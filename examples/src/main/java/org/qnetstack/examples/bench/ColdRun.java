package org.qnetstack.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.qnetstack.examples.Main;

/**
 * What the bench measures around a scenario: the peak heap of its run, and its cold figure — the scenario run
 * once, with no warm-up, in a fresh JVM started with this JVM's options and class path (so a class-data sharing
 * archive this JVM uses is used there too), with the whole child process's wall time.
 */
final class ColdRun {
    /** A cold run that takes longer than this is stopped and reported as such. */
    private static final long CHILD_LIMIT_SECONDS = 600;

    private ColdRun() {
    }

    /** Starts counting the heap's peak afresh. */
    static void resetPeakHeap() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /**
     * The heap's peak use since {@link #resetPeakHeap}: the sum of each heap pool's own peak, an upper bound of
     * the peak of their total (the pools need not peak at the same moment).
     */
    static long peakHeapBytes() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    /** The scenario's cold figure and its child process's wall seconds, or why they were not measured. */
    static Map<String, Object> inChildJvm(String scenario, boolean quick) {
        Map<String, Object> out = new LinkedHashMap<>();
        String classPath = System.getProperty("java.class.path", "");
        if (!onClassPath(classPath)) {
            out.put("coldFigure", "not measured: the bench runs inside another launcher (e.g. mvn exec:java); run "
                    + "it with java -cp to get cold figures");
            return out;
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", classPath, Main.class.getName(), "bench", "--cold", "--json", "--quiet",
                "--only", scenario));
        if (quick) {
            command.add("--quick");
        }
        long start = System.nanoTime();
        try {
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!child.waitFor(CHILD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                out.put("coldFigure", "not measured: the child JVM took over " + CHILD_LIMIT_SECONDS + " s");
                return out;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (child.exitValue() != 0) {
                out.put("coldFigure", "not measured: the child JVM exited with status " + child.exitValue());
                return out;
            }
            JsonNode result = new ObjectMapper().readTree(stdout.lines().reduce((a, b) -> b).orElse("{}"));
            out.put("coldFigure", result.path("figure").asDouble());
            JsonNode details = result.path("details");
            for (String key : List.of("eventsPerPair", "messagesPerPair", "peakHeapMiB")) {
                if (details.has(key)) {
                    out.put("cold" + Character.toUpperCase(key.charAt(0)) + key.substring(1), details.get(key)
                            .asDouble());
                }
            }
            out.put("coldProcessSeconds", seconds);
        } catch (IOException e) {
            out.put("coldFigure", "not measured: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.put("coldFigure", "not measured: interrupted");
        }
        return out;
    }

    /** Whether a child started with {@code classPath} finds this bench (not so under mvn exec:java). */
    private static boolean onClassPath(String classPath) {
        try {
            Path here = Path.of(ColdRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (String entry : classPath.split(File.pathSeparator)) {
                if (!entry.isEmpty() && Path.of(entry).toAbsolutePath().normalize().equals(here.normalize())) {
                    return true;
                }
            }
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException
                 | java.nio.file.InvalidPathException e) {
            return false;
        }
        return false;
    }
}
