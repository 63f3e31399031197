package org.qnetstack.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StudyGridTest {
    @Test
    void pointsNestConfigurationsThenFieldsThenSeeds() {
        StudyGrid grid = StudyGrid.of("a.yaml", "b.yaml").vary("links[0].lengthKm", 5, 10.0, 12.5)
                .vary("nodes[0].device", "generic", "ideal").seeds(7, 2);
        List<StudyPoint> points = grid.points();
        assertEquals(2 * 3 * 2 * 2, points.size());
        assertEquals(points.size(), grid.size());
        for (int i = 0; i < points.size(); i++) {
            assertEquals(i, points.get(i).index());
        }
        assertEquals(new StudyPoint(0, "a.yaml", List.of(new Setting("links[0].lengthKm", "5"),
                new Setting("nodes[0].device", "generic")), 7), points.get(0));
        assertEquals(8, points.get(1).seed());
        assertEquals("ideal", points.get(2).setting("nodes[0].device"));
        assertEquals("10", points.get(4).setting("links[0].lengthKm"));
        assertEquals("12.5", points.get(8).setting("links[0].lengthKm"));
        assertEquals("b.yaml", points.get(12).configuration());
    }

    @Test
    void withoutSeedsEachPointKeepsItsConfigurationsSeed() {
        List<StudyPoint> points = StudyGrid.of("a.yaml").points();
        assertEquals(1, points.size());
        assertEquals(PointRunner.CONFIGURED_SEED, points.get(0).seed());
    }

    @Test
    void misuseIsRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, StudyGrid::of);
        StudyGrid g = StudyGrid.of("a.yaml");
        assertEquals("vary(x, …) needs at least one value",
                assertThrows(IllegalArgumentException.class, () -> g.vary("x")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.vary(" ", 1));
        assertThrows(IllegalArgumentException.class, () -> g.seeds(1, 0));
        assertThrows(IllegalArgumentException.class, () -> g.seeds());
        Object[] many = java.util.stream.IntStream.range(0, 4000).boxed().toArray();
        StudyGrid huge = g.vary("a", many).vary("b", many);
        assertEquals(16_000_000, huge.size());
        assertThrows(IllegalArgumentException.class, huge::points);
    }
}
