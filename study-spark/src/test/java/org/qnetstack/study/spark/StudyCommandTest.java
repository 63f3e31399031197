package org.qnetstack.study.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StudyCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new StudyCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void printsTheTableOfEveryPoint() {
        assertEquals(0, run("--config", "classpath:networks/two-nodes-ideal.yaml", "--vary", "links[0].lengthKm=1,2",
                "--seeds", "4..5", "--pairs", "5", "--threads", "2"), err::toString);
        String[] lines = out.toString().split("\n");
        assertEquals(5, lines.length, out::toString);
        assertTrue(lines[0].startsWith("index,configuration,links[0].lengthKm,seed,ok,attempts,pairs,"), lines[0]);
        assertTrue(lines[4].startsWith("3,classpath:networks/two-nodes-ideal.yaml,2,5,true,1,5,5,"), lines[4]);
        assertTrue(err.toString().contains("study: 4 points, 0 failed"), err::toString);
    }

    @Test
    void writesTablesAndCharts(@TempDir Path dir) {
        Path prefix = dir.resolve("sub/s");
        assertEquals(0, run("--vary", "links[0].lengthKm=2,8", "--seeds", "2", "--pairs", "5", "--out", prefix.toString(),
                "--quiet"), err::toString);
        assertTrue(Files.exists(dir.resolve("sub/s.csv")));
        assertTrue(Files.exists(dir.resolve("sub/s.jsonl")));
        assertTrue(Files.exists(dir.resolve("sub/s-pairsPerSecond.png")));
        assertTrue(out.toString().startsWith("wrote "), out::toString);
    }

    @Test
    void failedPointsGiveExitCodeOneAndAreNamed() {
        assertEquals(1, run("--vary", "links[0].lengthKm=5,-1", "--seeds", "1", "--pairs", "2", "--quiet"));
        assertTrue(err.toString().contains("point 1 [links[0].lengthKm=-1] seed 1 failed after 1 tries"), err::toString);
        assertTrue(out.toString().contains("links[0].lengthKm"), out::toString);
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        assertEquals(2, run("--vary", "lengthKm"));
        assertTrue(err.toString().contains("--vary takes PATH=V1,V2,… (was 'lengthKm')"), err::toString);
        assertEquals(2, run("--seeds", "9..3"));
        assertEquals(2, run("--spark", "--threads", "2"));
        assertEquals(2, run("--pairs"));
        assertEquals(2, run("--conf", "spark.executor.memory=2g"));
        assertEquals(2, run("--spark", "--conf", "executor.memory=2g"));
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        assertEquals(0, run("--help"));
        for (String o : new String[] {"--config", "--vary", "--seeds", "--pairs", "--min-fidelity", "--threads",
            "--spark", "--master", "--conf", "--attempts", "--out", "--json", "--quiet", "default: 1..10", "default: 100"}) {
            assertTrue(out.toString().contains(o), o + " in\n" + out);
        }
    }
}
