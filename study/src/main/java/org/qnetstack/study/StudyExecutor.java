package org.qnetstack.study;

import java.util.List;

/**
 * Runs the points of a study somewhere: the threads of this process ({@link LocalExecutor}), or a cluster
 * (the {@code study-spark} module's executor). Every point runs through {@link PointRunner}, so its result is
 * the same on any executor; an executor only chooses where and in which order.
 */
public interface StudyExecutor {
    /**
     * Runs every point and returns one result per point, in the points' order.
     *
     * @param maxAttempts how often a failing point is tried before it is reported as failed (≥ 1)
     */
    List<PointResult> execute(List<StudyPoint> points, StudyTask task, int maxAttempts, StudyProgress progress);

    /** A short description for reports, such as {@code local, 8 threads}. */
    String describe();
}
