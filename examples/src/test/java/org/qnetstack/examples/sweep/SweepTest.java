package org.qnetstack.examples.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.qnetstack.examples.Charts;
import org.qnetstack.examples.cli.Cli;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;
import org.qnetstack.sim.device.DeviceParameters;

class SweepTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        // The model's figures only, unless a test asks for the simulator's too: sampling takes seconds.
        List<String> line = new ArrayList<>(List.of("sweep"));
        line.addAll(List.of(args));
        if (!line.contains("--count")) {
            line.addAll(List.of("--count", "0"));
        }
        return Cli.run(line.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static SweepOptions options(List<String> presets, List<Double> lengths, List<Double> alphas,
                                        double alphaLengthKm, Path dir) {
        return new SweepOptions(presets, lengths, alphas, SweepOptions.DEFAULT_MIN_FIDELITY, alphaLengthKm,
                dir.resolve("sweep.png"), null, false);
    }

    /** Every shipped preset either has a point at every length or was skipped with a note. */
    private void assertAPointPerPresetAndLength(Map<String, List<Double>> lengthsByPreset, List<Double> lengths) {
        assertTrue(lengthsByPreset.containsKey("nv-2022"), lengthsByPreset.keySet().toString());
        assertTrue(lengthsByPreset.containsKey("ideal"), lengthsByPreset.keySet().toString());
        for (String preset : SweepOptions.allPresets()) {
            if (lengthsByPreset.containsKey(preset)) {
                assertEquals(lengths, lengthsByPreset.get(preset), preset);
            } else {
                assertTrue(err().contains("skipping preset '" + preset + "'"), preset + " neither swept nor skipped");
            }
        }
    }

    @Test
    void jsonHasAPointPerPresetAndLengthInLowerCamelCase(@TempDir Path dir) throws IOException {
        assertEquals(0, run("--lengths", "1,5,10", "--json", "--out", dir.resolve("s.png").toString()), err());
        JsonNode json = new ObjectMapper().readTree(out());
        Map<String, List<Double>> lengths = new HashMap<>();
        for (JsonNode point : json.get("sweep")) {
            lengths.computeIfAbsent(point.get("preset").asText(), k -> new ArrayList<>())
                    .add(point.get("lengthKm").asDouble());
            for (String field : new String[] {"alpha", "successProbability", "heraldedFidelity", "attemptsPerSecond",
                    "pairsPerSecondMeasure", "pairsPerSecondKeep", "keepAttemptSlots", "fibreTransmissivity",
                    "plobBound"}) {
                assertTrue(point.has(field), field);
            }
        }
        assertAPointPerPresetAndLength(lengths, List.of(1.0, 5.0, 10.0));
        assertFalse(json.get("alphaSweep").isEmpty());
        assertFalse(json.has("machine"));
        // a lossless fibre has no finite PLOB bound: null, not a string
        for (JsonNode point : json.get("sweep")) {
            if (point.get("preset").asText().equals("ideal")) {
                assertTrue(point.get("plobBound").isNull(), point.toString());
            }
        }
    }

    @Test
    void tableHasARowPerPresetAndLength(@TempDir Path dir) {
        assertEquals(0, run("--lengths", "0,20", "--out", dir.resolve("s.png").toString(), "--quiet"), err());
        String table = out();
        String lengthSection = table.substring(0, table.indexOf("== sweep: against α"));
        Map<String, List<Double>> lengths = new HashMap<>();
        for (String line : lengthSection.split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (line.startsWith("  ") && !cells[0].equals("preset")) {
                lengths.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(Double.parseDouble(cells[1]));
            }
        }
        assertAPointPerPresetAndLength(lengths, List.of(0.0, 20.0));
        assertTrue(table.contains("PLOB = −log2(1 − η_f)"), table);
        assertTrue(table.contains("slots = 1 + ⌈(2·delayToStation + window + 1 ns)/slot⌉"), table);
    }

    @Test
    void onNv2022FidelityFallsAndSuccessRisesWithAlphaAboveTheDarkCountRegion(@TempDir Path dir) {
        Sweep.Result r = Sweep.run(options(List.of("nv-2022"), List.of(10.0), SweepOptions.DEFAULT_ALPHAS, 10, dir),
                note -> { });
        List<SweepPoint> points = r.alphaSweep();
        assertEquals(SweepOptions.DEFAULT_ALPHAS.size(), points.size());
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.get(i).successProbability() > points.get(i - 1).successProbability(), "p at " + i);
        }
        // At the smallest α dark counts are a sizeable share of the heralds and F rises with α; above the
        // peak, the two-photon term takes over and F falls with every step of α.
        int peak = 0;
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).heraldedFidelity() > points.get(peak).heraldedFidelity()) {
                peak = i;
            }
        }
        assertTrue(points.get(peak).alpha() <= 0.03, "dark-count region ends at α = " + points.get(peak).alpha());
        for (int i = peak + 1; i < points.size(); i++) {
            assertTrue(points.get(i).heraldedFidelity() < points.get(i - 1).heraldedFidelity(), "F at " + i);
        }
        // and F ≈ (1−α)(1+√V)/2 there (docs/physics.md), V = 0.9
        SweepPoint at02 = points.stream().filter(p -> p.alpha() == 0.2).findFirst().orElseThrow();
        assertEquals(0.8 * (1 + Math.sqrt(0.9)) / 2, at02.heraldedFidelity(), 0.005);
    }

    @Test
    void successFallsWithLengthAsTheFibreToTheStationSingleClick(@TempDir Path dir) {
        double a = DeviceParameters.of("nv-2022", Map.of()).attenuationDbPerKm();
        // Small enough for p ≈ 2αη, large enough that nv-2022's dark counts (they add ≈ 3×10^−7 to p per
        // attempt, whatever the length) move the ratio by only ~0.4% (at α = 0.01 they move it by ~4%).
        double alpha = 0.1;
        double l1 = 2;
        double l2 = 30;
        double p1 = Sweep.run(options(List.of("nv-2022"), List.of(l1), List.of(alpha), l1, dir), n -> { })
                .alphaSweep().get(0).successProbability();
        double p2 = Sweep.run(options(List.of("nv-2022"), List.of(l1), List.of(alpha), l2, dir), n -> { })
                .alphaSweep().get(0).successProbability();
        double formula = Math.pow(10, -a * (l2 - l1) / 20); // each photon crosses L/2: η ∝ 10^(−a·L/20)
        assertEquals(formula, p2 / p1, 0.01 * formula);
    }

    @Test
    void ratesFollowTheStatedFormulas(@TempDir Path dir) {
        SweepPoint p = Sweep.run(options(List.of("nv-2022"), List.of(10.0), List.of(0.1), 10, dir), n -> { })
                .lengthSweep().get(0);
        assertEquals(1e9 / p.slotNanos(), p.attemptsPerSecond(), 1e-9);
        assertEquals(p.successProbability() * 1e9 / p.slotNanos(), p.pairsPerSecondMeasure(), 1e-12);
        // herald (photons to the station), reply back, nv-2022's 25 ns window, and a ns each for event order
        long replyAfter = 2 * p.delayToStationNanos() + 25 + 2;
        long slots = 1 + (replyAfter + p.slotNanos() - 1) / p.slotNanos();
        assertEquals(slots, p.keepAttemptSlots());
        assertEquals(6, slots, "10 km: 2·23.4 µs round trip over 11.2 µs slots");
        assertEquals(p.successProbability() * 1e9 / (slots * p.slotNanos()), p.pairsPerSecondKeep(), 1e-12);
        assertTrue(p.heraldedFidelity() >= SweepOptions.DEFAULT_MIN_FIDELITY - 1e-9, "the link layer meets the minimum within rounding");
        assertEquals(Math.pow(10, -0.25), p.fibreTransmissivity(), 1e-12);
    }

    @Test
    void plobBoundMatchesTheWorkedValues() {
        assertEquals(0.152, Sweep.plob(Sweep.fibreTransmissivity(0.2, 50)), 5e-4);
        assertEquals(0.0145, Sweep.plob(Sweep.fibreTransmissivity(0.2, 100)), 5e-5);
        assertEquals(Double.POSITIVE_INFINITY, Sweep.plob(Sweep.fibreTransmissivity(0.2, 0)));
    }

    @Test
    void noAlphaMeetsAnUnreachableMinimumSoThePairFiguresAreAbsent(@TempDir Path dir) throws IOException {
        assertEquals(0, run("--presets", "nv-2022", "--lengths", "5", "--min-fidelity", "0.99", "--json",
                "--out", dir.resolve("s.png").toString()), err());
        JsonNode point = new ObjectMapper().readTree(out()).get("sweep").get(0);
        assertTrue(point.get("alpha").isNull());
        assertTrue(point.get("pairsPerSecondMeasure").isNull());
        assertTrue(point.get("plobBound").isNumber());
    }

    @Test
    void aPresetWhoseNetworkCannotBeBuiltIsSkippedWithANote(@TempDir Path dir) {
        List<String> notes = new ArrayList<>();
        Sweep.Result r = Sweep.run(options(List.of("no-such-preset", "nv-2022"), List.of(0.0, 5.0), List.of(0.1), 5,
                dir), notes::add);
        assertEquals(Set.of("nv-2022"), presets(r.lengthSweep()));
        assertEquals(2, r.lengthSweep().size());
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("skipping preset 'no-such-preset'"), notes.get(0));
    }

    @Test
    void chartsAreWrittenAsPngsOfTheStatedSize(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("charts/sweep.png");
        assertEquals(0, run("--lengths", "0,2,10,50", "--out", out.toString()), err());
        for (Path png : List.of(out, dir.resolve("charts/sweep-alpha.png"))) {
            assertTrue(Files.size(png) > 10_000, png + " is " + Files.size(png) + " bytes");
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(SweepChart.WIDTH, image.getWidth(), png.toString());
            assertEquals(Charts.height(2), image.getHeight(), png.toString());
        }
    }

    @Test
    void badOptionsExitWithTwoAndSayWhich() {
        assertEquals(2, run("--lengths", "5,-1"));
        assertTrue(err().contains("--lengths: -1 is out of range"), err());
        assertEquals(2, run("--alphas", "0"));
        assertEquals(2, run("--presets", "nv-2099"));
        assertTrue(err().contains("unknown preset 'nv-2099'"), err());
        assertEquals(2, run("--config", "x.yaml", "--presets", "ideal"));
        assertTrue(err().contains("--presets and --config exclude each other"), err());
        assertEquals(2, run("--count", "-1"));
        assertTrue(err().contains("--count must be ≥ 0 (was -1)"), err());
        assertEquals(2, run("--min-fidelity", "0.8,0.9"));
    }

    /**
     * --config sweeps the configured network's first link: the bundled two-node network is nv-2022 nodes with
     * a single-click link, so its curve is the nv-2022 preset's, figure for figure. A configuration that
     * cannot be read exits with 2 and says why.
     */
    @Test
    void configSweepsTheConfiguredLinkAndTakesSeedAndJson(@TempDir Path dir) throws IOException {
        assertEquals(0, run("--config", "classpath:networks/two-nodes-nv.yaml", "--seed", "3", "--json",
                "--lengths", "2,10", "--alphas", "0.05,0.1", "--out", dir.resolve("c.png").toString()), err());
        JsonNode json = new ObjectMapper().readTree(out());
        Sweep.Result preset = Sweep.run(options(List.of("nv-2022"), List.of(2.0, 10.0), List.of(0.05, 0.1), 10, dir),
                note -> { });
        assertEquals(2, json.get("sweep").size());
        for (int i = 0; i < 2; i++) {
            JsonNode point = json.get("sweep").get(i);
            SweepPoint expected = preset.lengthSweep().get(i);
            assertEquals("config:alice-bob", point.get("preset").asText());
            assertEquals(expected.lengthKm(), point.get("lengthKm").asDouble());
            assertEquals(expected.alpha(), point.get("alpha").asDouble(), 1e-12);
            assertEquals(expected.successProbability(), point.get("successProbability").asDouble(), 1e-15);
            assertEquals(expected.heraldedFidelity(), point.get("heraldedFidelity").asDouble(), 1e-12);
            assertEquals(expected.fibreTransmissivity(), point.get("fibreTransmissivity").asDouble(), 1e-15);
        }
        assertEquals(2, json.get("alphaSweep").size());
        assertEquals(2, run("--config", dir.resolve("missing.yaml").toString()));
        assertTrue(err().contains("configuration error"), err());
    }

    private static SweepOptions parse(String... args) {
        SweepCommand command = new SweepCommand(System.out, System.err);
        new CommandLine(command).parseArgs(args);
        return command.options();
    }

    @Test
    void optionsDefaultAndNameTheAlphaChartBesideTheLengthChart() {
        SweepOptions d = parse();
        assertEquals(List.of(0.0, 2.0, 5.0, 10.0, 20.0, 30.0, 50.0), d.lengthsKm());
        assertEquals(SweepOptions.allPresets(), d.presets());
        assertEquals(0.8, d.minFidelity());
        assertNull(d.out(), "no chart unless --out says where");
        assertNull(d.alphaOut());
        SweepOptions o = parse("--lengths", "10,1,5", "--presets", "nv-2022", "--out", "plots/a.PNG", "--seed", "7");
        assertEquals(List.of(1.0, 5.0, 10.0), o.lengthsKm());
        assertEquals(List.of("nv-2022"), o.presets());
        assertEquals(Path.of("plots/a-alpha.png"), o.alphaOut());
        assertEquals(7L, o.seed());
    }

    /**
     * The simulator tests the model at each length: nv-2022 at 2 and 10 km, 100 kept pairs each. The success
     * probability per attempt agrees with the model's within 3 binomial standard errors; the true fidelity at
     * delivery agrees with the model's heralded fidelity within 0.005 (the memory's decay while the herald
     * travels back, and the model's simplifications: 0.001 here).
     */
    @Test
    void theSimulatorAgreesWithTheModelWithinTheErrorBars(@TempDir Path dir) throws IOException {
        assertEquals(0, run("--presets", "nv-2022", "--lengths", "2,10", "--count", "100", "--json", "--out",
                dir.resolve("s.png").toString()), err());
        JsonNode json = new ObjectMapper().readTree(out());
        for (JsonNode point : json.get("sweep")) {
            assertEquals(100, point.get("sampledPairs").asInt(), point.toString());
            double p = point.get("successProbability").asDouble();
            assertEquals(p, point.get("measuredSuccessProbability").asDouble(),
                    3 * point.get("measuredSuccessProbabilitySigma").asDouble(), point.toString());
            double f = point.get("heraldedFidelity").asDouble();
            double measured = point.get("measuredFidelity").asDouble();
            assertEquals(f, measured, 0.005, "true fidelity vs the model's");
        }
        assertTrue(Files.size(dir.resolve("s.png")) > 10_000);
    }

    private static Set<String> presets(List<SweepPoint> points) {
        Set<String> names = new LinkedHashSet<>();
        points.forEach(p -> names.add(p.preset()));
        return names;
    }
}
