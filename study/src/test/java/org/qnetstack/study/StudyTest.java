package org.qnetstack.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StudyTest {
    private static final StudyGrid GRID = StudyGrid.of("classpath:networks/two-nodes-generic.yaml")
            .vary("links[0].lengthKm", 5, 20).seeds(1, 3);

    @Test
    void oneThreadAndManyGiveTheSameTable() {
        StudyResults one = Study.of(GRID, new PairsTask(20)).on(LocalExecutor.threads(1)).run();
        StudyResults many = Study.of(GRID, new PairsTask(20)).on(LocalExecutor.threads(4)).run();
        assertEquals(6, one.all().size());
        assertTrue(one.failed().isEmpty(), () -> one.failed().toString());
        assertEquals(one.toCsv(), many.toCsv());
        assertEquals(one.toJsonLines(), many.toJsonLines());
        // Different seeds give different runs; a longer link gives fewer pairs per second.
        assertFalse(one.all().get(0).values().equals(one.all().get(1).values()));
        double near = one.all().get(0).number("pairsPerSecond");
        double far = one.all().get(3).number("pairsPerSecond");
        assertTrue(far < near, near + " pairs/s at 5 km, " + far + " at 20 km");
    }

    @Test
    void idealDevicesGiveNoErrors() {
        StudyResults r = Study.of(StudyGrid.of("classpath:networks/two-nodes-ideal.yaml").seeds(3, 1),
                new PairsTask(40)).run();
        assertEquals(0.0, r.all().get(0).number("qberZ"));
        assertEquals(0.0, r.all().get(0).number("qberX"));
        assertEquals(40, r.all().get(0).number("matchedPairs"));
    }

    @Test
    void aFailingPointIsRetriedThenReportedNeverDropped() {
        Map<Integer, AtomicInteger> tries = new ConcurrentHashMap<>();
        StudyTask flaky = (point, network) -> {
            int n = tries.computeIfAbsent(point.index(), i -> new AtomicInteger()).incrementAndGet();
            if (point.index() == 1) {
                throw new IllegalStateException("always broken");
            }
            if (point.index() == 2 && n < 2) {
                throw new IllegalStateException("broken once");
            }
            return Map.of("seed", network.seed());
        };
        List<int[]> progress = new ArrayList<>();
        StudyResults r = Study.of(StudyGrid.of("classpath:networks/two-nodes-generic.yaml").seeds(10, 4), flaky)
                .maxAttempts(3).progress((done, failed, total) -> progress.add(new int[] {done, failed, total}))
                .on(LocalExecutor.threads(2)).run();
        assertEquals(4, r.all().size());
        assertEquals(1, r.failed().size());
        PointResult broken = r.failed().get(0);
        assertEquals(1, broken.point().index());
        assertEquals(3, broken.attempts());
        assertEquals("IllegalStateException: always broken", broken.error());
        assertEquals(2, r.all().get(2).attempts());
        assertEquals(12L, r.all().get(2).values().get("seed"));
        assertEquals(4, progress.size());
        assertEquals(4, progress.get(3)[0]);
        assertEquals(1, progress.get(3)[1]);
        assertTrue(r.toCsv().contains("always broken"), r.toCsv());
    }

    @Test
    void aConfigurationErrorIsNotRetried() {
        StudyResults r = Study.of(StudyGrid.of("classpath:networks/two-nodes-generic.yaml")
                .vary("links[0].lengthKm", -1), new PairsTask(1)).run();
        assertEquals(1, r.failed().size());
        assertEquals(1, r.failed().get(0).attempts());
        assertTrue(r.failed().get(0).error().contains("links[0].lengthKm"), r.failed().get(0).error());
    }

    @Test
    void csvQuotesWhatNeedsIt() {
        StudyTask text = (point, network) -> Map.of("note", "a, \"quoted\" value");
        String csv = Study.of(StudyGrid.of("classpath:networks/two-nodes-generic.yaml"), text).run().toCsv();
        assertEquals("index,configuration,seed,ok,attempts,note,error\n"
                + "0,classpath:networks/two-nodes-generic.yaml,,true,1,\"a, \"\"quoted\"\" value\",\n", csv);
    }
}
