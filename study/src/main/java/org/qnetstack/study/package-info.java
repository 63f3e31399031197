/**
 * Parameter studies on the embedded simulated network: a {@link org.qnetstack.study.StudyGrid} of
 * configurations × parameter values × seeds, a {@link org.qnetstack.study.StudyTask} that measures one point,
 * and a {@link org.qnetstack.study.Study} that runs every point on an executor — all cores of this machine by
 * default ({@link org.qnetstack.study.LocalExecutor}), or a distributed engine (the {@code study-spark} module).
 *
 * <p>Every point is a simulation of its own, seeded by the point alone, so its result does not depend on which
 * thread, process or machine ran it, nor on the order: a study gives the same table on one core, on all
 * cores and on a cluster. A point that throws is retried, and reported with its error if it keeps failing;
 * it is never dropped from the results.
 */
@NullMarked
package org.qnetstack.study;

import org.jspecify.annotations.NullMarked;
