package org.qnetstack.study.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.qnetstack.study.LocalExecutor;
import org.qnetstack.study.PairsTask;
import org.qnetstack.study.Study;
import org.qnetstack.study.StudyGrid;
import org.qnetstack.study.StudyResults;

/**
 * A study on a real Spark standalone cluster: {@code local-cluster[2,1,1024]} starts a master and two workers,
 * each running its executor in a JVM of its own, on loopback. The points cross process boundaries (the task and
 * the points serialised to the executors, the results back) and the table is the one a single thread makes.
 */
class SparkClusterTest {
    @Test
    void pointsRunInExecutorProcessesGiveTheSameTable() throws Exception {
        // The workers build the executors' command line as a Spark installation's would: a home with a RELEASE
        // file and a jars folder (empty: the executors get this JVM's class path instead).
        Path home = Path.of(System.getenv("SPARK_HOME"));
        Files.createDirectories(home.resolve("jars"));
        if (!Files.exists(home.resolve("RELEASE"))) {
            Files.writeString(home.resolve("RELEASE"), "Spark for qnetstack's study tests\n");
        }
        Study study = Study.of(StudyGrid.of("classpath:networks/two-nodes-generic.yaml")
                .vary("links[0].lengthKm", 3, 30).seeds(1, 12), new PairsTask(10));
        StudyResults oneThread = study.on(LocalExecutor.threads(1)).run();
        StudyResults cluster = study.on(SparkExecutor.master("local-cluster[2,1,1024]")
                .conf("spark.executor.extraClassPath", System.getProperty("java.class.path"))).run();
        assertTrue(oneThread.failed().isEmpty(), () -> oneThread.failed().toString());
        assertEquals(24, cluster.all().size());
        assertEquals(oneThread.toCsv(), cluster.toCsv());
    }
}
