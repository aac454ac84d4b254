package com.podcartoes.lake.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.testing.TestDirs;
import com.podcartoes.lake.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** A running job tells the lake its tasks done of total, and the report goes when the job ends. */
class JobProgressTest {
    @Test
    void aRunningJobReportsItsTasksAndRemovesTheReportAtTheEnd() throws Exception {
        SparkSession spark = TestSpark.session();
        Path lake = TestDirs.newDir("progress");
        Path report = lake.resolve(LakeLayout.progressKey("run-p", "book"));
        long maxTotal = 0;
        long maxDone = 0;
        try (JobProgress progress = JobProgress.start(spark, lake.toUri().toString(), "run-p", "book",
                Duration.ofMillis(100))) {
            // Eight slow tasks on two cores: about two seconds of a running stage to watch.
            CompletableFuture<Long> job = CompletableFuture.supplyAsync(() -> spark.range(0, 8, 1, 8)
                    .map((MapFunction<Long, Long>) i -> {
                        Thread.sleep(450);
                        return i;
                    }, Encoders.LONG()).count());
            while (!job.isDone()) {
                byte[] bytes = read(report);
                if (bytes != null) {
                    JsonNode seen = new ObjectMapper().readTree(bytes);
                    maxTotal = Math.max(maxTotal, seen.get("tasksTotal").asLong());
                    maxDone = Math.max(maxDone, seen.get("tasksDone").asLong());
                    assertThat(seen.get("tasksDone").asLong()).isLessThanOrEqualTo(seen.get("tasksTotal").asLong());
                    assertThat(seen.get("updatedAt").asText()).isNotEmpty();
                }
                Thread.sleep(50);
            }
            assertThat(job.get()).isEqualTo(8);
        }
        assertThat(maxTotal).isEqualTo(8);
        assertThat(maxDone).isBetween(1L, 8L);
        assertThat(report).doesNotExist();
        assertThat(report.getParent()).doesNotExist();
    }

    /** The report, or null between two reports (a local lake replaces it by delete and rename). */
    private static byte[] read(Path report) throws java.io.IOException {
        try {
            return Files.readAllBytes(report);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }
}
