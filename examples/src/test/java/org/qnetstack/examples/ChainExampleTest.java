package org.qnetstack.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain example: with memories that keep their state for seconds, three repeaters over 250 km deliver
 * more pairs per channel use than any repeaterless link could (PLOB), and the direct link does not.
 */
class ChainExampleTest {
    @Test
    void threeRepeatersBeatTheRepeaterlessBoundAt250Km(@TempDir Path dir) throws IOException {
        int pairs = 30;
        ChainExample.Result r = ChainExample.run(new ExampleOptions(11L, null, false, pairs), List.of(0, 3),
                List.of(250.0), List.of(false), dir.resolve("chain.png"));
        ChainExample.Point direct = ChainExample.find(r.points(), 0, 250, false);
        ChainExample.Point chain = ChainExample.find(r.points(), 3, 250, false);
        assertNotNull(direct);
        assertNotNull(chain);
        double plob = ChainExample.plob(Math.pow(10, -0.2 * 250 / 10));
        assertEquals(plob, chain.plobPerChannelUse(), 1e-15);
        // The rate's lower end (mean time per pair plus four standard errors over 30 pairs) is above the bound.
        assertTrue(chain.perChannelUseLow() > plob, chain.perChannelUseLow() + " ≤ PLOB " + plob);
        // A direct link never can: it succeeds with η per attempt and keeps a pair at most once per attempt.
        assertTrue(direct.perChannelUse() < plob, direct.perChannelUse() + " ≥ PLOB " + plob);
        for (ChainExample.Point p : r.points()) {
            assertEquals(pairs, p.pairs());
            assertEquals(pairs, p.inInterval(), "every true fidelity inside its interval: " + p);
        }
        // Werner 0.97 links swapped three times: w = 0.96^4; the memories cost a little (T2 = 10 s, ms waits).
        double expected = (3 * Math.pow(0.96, 4) + 1) / 4;
        assertTrue(chain.meanFidelity() <= expected + 1e-9 && chain.meanFidelity() > expected - 0.01,
                chain.meanFidelity() + " vs " + expected);
        assertEquals(0.97, direct.meanFidelity(), 0.005);
        BufferedImage image = ImageIO.read(dir.resolve("chain.png").toFile());
        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.height(2), image.getHeight(), "two panels under the parameters");
        JsonNode json = new ObjectMapper().readTree(Report.toJson(r));
        assertEquals(2, json.get("points").size());
        assertTrue(r.table().contains("> PLOB"), r.table());
    }

    @Test
    void distillationRaisesTheFidelityOfALongChain() {
        // no --out: no chart (chain used to write chain.png into the working directory)
        boolean before = java.nio.file.Files.exists(Path.of("chain.png"));
        ChainExample.Result r = ChainExample.run(new ExampleOptions(12L, null, false, 15), List.of(7),
                List.of(100.0), List.of(false, true), null);
        assertEquals("", r.chart());
        assertEquals(before, java.nio.file.Files.exists(Path.of("chain.png")));
        ChainExample.Point plain = ChainExample.find(r.points(), 7, 100, false);
        ChainExample.Point distilled = ChainExample.find(r.points(), 7, 100, true);
        // docs/physics.md on Werner 0.97 (x = 0.01): F' = (F² + x²)/(F² + 2Fx + 5x²) per link, then eight swaps.
        double f = (0.97 * 0.97 + 1e-4) / (0.97 * 0.97 + 2 * 0.97 * 0.01 + 5e-4);
        double w = (4 * f - 1) / 3;
        assertEquals((3 * Math.pow(w, 8) + 1) / 4, distilled.meanFidelity(), 0.01);
        assertEquals((3 * Math.pow(0.96, 8) + 1) / 4, plain.meanFidelity(), 0.01);
        assertTrue(distilled.meanFidelity() > plain.meanFidelity() + 0.05);
        assertTrue(distilled.perChannelUse() < plain.perChannelUse(), "distillation costs rate");
    }
}
