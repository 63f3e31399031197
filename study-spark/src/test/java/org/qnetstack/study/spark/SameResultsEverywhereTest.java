package org.qnetstack.study.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.study.LocalExecutor;
import org.qnetstack.study.PairsTask;
import org.qnetstack.study.Study;
import org.qnetstack.study.StudyGrid;
import org.qnetstack.study.StudyResults;
import org.qnetstack.study.StudyTask;

/** A study of 200 points gives the same table, byte for byte, on one core, on every core and on Spark. */
class SameResultsEverywhereTest {
    private static final StudyGrid GRID = StudyGrid.of("classpath:networks/two-nodes-generic.yaml")
            .vary("links[0].lengthKm", 2, 5, 10, 20).vary("links[0].linkFidelity", 0.8, 0.95).seeds(1, 25);

    @Test
    void oneCoreAllCoresAndSparkLocalAgree() {
        assertEquals(200, GRID.size());
        Study study = Study.of(GRID, new PairsTask(10));
        StudyResults oneCore = study.on(LocalExecutor.threads(1)).run();
        StudyResults allCores = study.on(LocalExecutor.allCores()).run();
        StudyResults spark = study.on(SparkExecutor.local()).run();
        assertTrue(oneCore.failed().isEmpty(), () -> oneCore.failed().toString());
        assertEquals(oneCore.toCsv(), allCores.toCsv());
        assertEquals(oneCore.toCsv(), spark.toCsv());
        assertEquals(oneCore.toJsonLines(), spark.toJsonLines());
        // A real study, not a constant: the QBER follows the link's fidelity, the rate its length.
        double lowF = oneCore.all().stream().filter(r -> "0.8".equals(r.point().setting("links[0].linkFidelity")))
                .mapToDouble(r -> r.number("qberZ") + r.number("qberX")).average().orElseThrow();
        double highF = oneCore.all().stream().filter(r -> "0.95".equals(r.point().setting("links[0].linkFidelity")))
                .mapToDouble(r -> r.number("qberZ") + r.number("qberX")).average().orElseThrow();
        assertTrue(lowF > highF, "QBER sum at F = 0.8: " + lowF + ", at 0.95: " + highF);
    }

    @Test
    void aFailingPointComesBackFromSparkWithItsError() {
        StudyTask sometimes = (point, network) -> {
            if (point.index() % 3 == 0) {
                throw new IllegalStateException("point " + point.index() + " broke");
            }
            return Map.of("seed", network.seed());
        };
        StudyResults r = Study.of(StudyGrid.of("classpath:networks/two-nodes-generic.yaml").seeds(1, 6), sometimes)
                .maxAttempts(2).on(SparkExecutor.master("local[2]")).run();
        assertEquals(6, r.all().size());
        assertEquals(2, r.failed().size());
        assertEquals("IllegalStateException: point 3 broke", r.failed().get(1).error());
        assertEquals(2, r.failed().get(1).attempts());
        assertEquals(5L, r.all().get(4).values().get("seed"));
    }
}
