package org.qnetstack.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyChartTest {
    /** A task whose figure is known: length + seed, so the mean over seeds 1..3 is length + 2 and the SE 1/√3. */
    private static final StudyTask KNOWN = (point, network) -> Map.of("y",
            network.links().get(0).lengthKm() + network.seed(), "label", "text");

    private static StudyResults run() {
        return Study.of(StudyGrid.of("classpath:networks/two-nodes-generic.yaml")
                .vary("links[0].lengthKm", 5, 10).vary("links[0].linkFidelity", 0.8, 0.9).seeds(1, 3), KNOWN).run();
    }

    @Test
    void meansAndStandardErrorsOverSeedsPerSeries() {
        Map<String, List<StudyChart.Mean>> series = StudyChart.series(run(), "links[0].lengthKm", "y");
        assertEquals(List.of("links[0].linkFidelity=0.8", "links[0].linkFidelity=0.9"), List.copyOf(series.keySet()));
        StudyChart.Mean m = series.get("links[0].linkFidelity=0.9").get(1);
        assertEquals(10, m.x());
        assertEquals(12, m.mean(), 1e-12);
        assertEquals(1 / Math.sqrt(3), m.standardError(), 1e-12);
        assertEquals(3, m.n());
    }

    @Test
    void writesAPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("y.png");
        StudyChart.writePng(run(), "links[0].lengthKm", "y", "known task, seeds 1–3", png);
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G');
    }

    @Test
    void refusesWhatCannotBeDrawn() {
        StudyResults r = run();
        assertThrows(IllegalArgumentException.class, () -> StudyChart.series(r, "nodes[0].device", "y"));
        assertThrows(IllegalArgumentException.class, () -> StudyChart.series(r, "links[0].lengthKm", "label"));
    }
}
