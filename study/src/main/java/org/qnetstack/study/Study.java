package org.qnetstack.study;

import java.util.List;
import java.util.Objects;

/**
 * A study: a grid, a task, and where to run it. Immutable and fluent; {@link #run()} runs every point and
 * returns the results in the grid's order.
 *
 * <pre>{@code
 * StudyResults results = Study.of(grid, new PairsTask(100)).run();          // every core of this machine
 * results.writeCsv(Path.of("study.csv"));
 * }</pre>
 */
public final class Study {
    /** How often a failing point is tried by default before it is reported as failed. */
    public static final int DEFAULT_ATTEMPTS = 3;

    private final StudyGrid grid;
    private final StudyTask task;
    private final StudyExecutor executor;
    private final int maxAttempts;
    private final StudyProgress progress;

    private Study(StudyGrid grid, StudyTask task, StudyExecutor executor, int maxAttempts, StudyProgress progress) {
        this.grid = grid;
        this.task = task;
        this.executor = executor;
        this.maxAttempts = maxAttempts;
        this.progress = progress;
    }

    /** A study of the grid's points with the task, on every core of this machine, three tries per point. */
    public static Study of(StudyGrid grid, StudyTask task) {
        return new Study(Objects.requireNonNull(grid, "grid"), Objects.requireNonNull(task, "task"),
                LocalExecutor.allCores(), DEFAULT_ATTEMPTS, StudyProgress.NONE);
    }

    /** The same study on another executor. */
    public Study on(StudyExecutor executor) {
        return new Study(grid, task, Objects.requireNonNull(executor, "executor"), maxAttempts, progress);
    }

    /** The same study with another number of tries per point. @throws IllegalArgumentException if below 1 */
    public Study maxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be ≥ 1 (was " + maxAttempts + ")");
        }
        return new Study(grid, task, executor, maxAttempts, progress);
    }

    /** The same study, reporting progress to the listener. */
    public Study progress(StudyProgress progress) {
        return new Study(grid, task, executor, maxAttempts, Objects.requireNonNull(progress, "progress"));
    }

    public StudyGrid grid() {
        return grid;
    }

    public StudyExecutor executor() {
        return executor;
    }

    /** Runs every point; failed points are in the results with their errors, never dropped. */
    public StudyResults run() {
        List<StudyPoint> points = grid.points();
        List<PointResult> results = executor.execute(points, task, maxAttempts, progress);
        if (results.size() != points.size()) {
            throw new IllegalStateException(executor.describe() + " returned " + results.size() + " results for "
                    + points.size() + " points");
        }
        for (int i = 0; i < points.size(); i++) {
            if (results.get(i).point().index() != i) {
                throw new IllegalStateException(executor.describe() + " returned the results out of order");
            }
        }
        return new StudyResults(results);
    }
}
