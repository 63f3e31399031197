package org.qnetstack.study;

import java.io.Serializable;
import java.util.Map;
import org.qnetstack.hal.PlatformSpec;

/**
 * What a study measures at one point: given the point's network (its configuration with the point's fields
 * changed and its seed set), run a simulation and return the figures, by name, in the order they should be
 * reported. Values are numbers, strings or booleans.
 *
 * <p>A task must be deterministic: the same network must give the same figures, bit for bit, whatever thread
 * or machine runs it (use the network's seed, never the wall clock). Tasks are {@link Serializable} so that
 * a distributed executor can ship them to its workers; keep their fields to settings, never to results.
 */
@FunctionalInterface
public interface StudyTask extends Serializable {
    /**
     * Measures one point.
     *
     * @throws Exception anything the run throws; the point is retried, and reported with the error if it keeps
     *         failing
     */
    Map<String, ?> run(StudyPoint point, PlatformSpec network) throws Exception;
}
