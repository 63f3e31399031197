package org.qnetstack.study;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a study's points on a pool of this process's threads: one per core by default. */
public final class LocalExecutor implements StudyExecutor {
    private final int threads;

    private LocalExecutor(int threads) {
        this.threads = threads;
    }

    /** As many threads as the machine has cores. */
    public static LocalExecutor allCores() {
        return threads(Runtime.getRuntime().availableProcessors());
    }

    /** @throws IllegalArgumentException if threads is below 1 */
    public static LocalExecutor threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1 (was " + threads + ")");
        }
        return new LocalExecutor(threads);
    }

    @Override
    public List<PointResult> execute(List<StudyPoint> points, StudyTask task, int maxAttempts, StudyProgress progress) {
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger names = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "study-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads, factory);
        try {
            List<Future<PointResult>> futures = new ArrayList<>(points.size());
            for (StudyPoint p : points) {
                futures.add(pool.submit(() -> {
                    PointResult r = PointRunner.run(p, task, maxAttempts);
                    int f = r.ok() ? failed.get() : failed.incrementAndGet();
                    int d = done.incrementAndGet();
                    synchronized (progress) {
                        progress.update(d, f, points.size());
                    }
                    return r;
                }));
            }
            List<PointResult> results = new ArrayList<>(points.size());
            for (Future<PointResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the study was interrupted; its finished points are lost with it", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a point escaped its runner", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public String describe() {
        return "local, " + threads + (threads == 1 ? " thread" : " threads");
    }
}
