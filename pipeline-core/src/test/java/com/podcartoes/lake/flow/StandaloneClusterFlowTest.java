package com.podcartoes.lake.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.cli.LakeCli;
import com.podcartoes.lake.spark.LocalSparkRunner;
import com.podcartoes.lake.testing.SparkStandaloneCluster;
import com.podcartoes.lake.testing.TestLakes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The jobs are cluster-ready: the processing flow runs on a real Spark standalone cluster (a master and a worker
 * JVM on 127.0.0.1), its executors in the worker's JVMs, not in the driver.
 */
class StandaloneClusterFlowTest {
    @Test
    void theProcessingFlowRunsOnAStandaloneCluster() throws Exception {
        Path home = TestLakes.newLakeHome("standalone");
        try (SparkStandaloneCluster cluster = new SparkStandaloneCluster(home.resolve("spark-cluster"))) {
            cluster.start(LocalSparkRunner.defaultSparkJobsDir());
            Map<String, String> env = TestLakes.environment(home, "LAKE_SPARK_MASTER", cluster.masterUrl(),
                    "LAKE_SPARK_DRIVER_MEMORY", "1g");

            assertThat(lake(env, "demo-data", "--clients", "30", "--months", "2")).startsWith("0:");
            assertThat(lake(env, "run", "ingestion")).startsWith("0:");
            String processing = lake(env, "run", "processing", "--ref", "202303");

            assertThat(processing).startsWith("0:").contains("tb_0001_fatura: 2 files, 60 rows read, 60 written")
                    .contains("book: refs [202303], clients [30], stage rows [60]");
            // Both jobs ran executors on the worker (one application each).
            assertThat(cluster.log("worker")).contains("Asked to launch executor app-");
            try (var apps = Files.list(cluster.workDir())) {
                assertThat(apps.filter(d -> d.getFileName().toString().startsWith("app-"))).hasSize(2);
            }
        }
    }

    private static String lake(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LakeCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return code + ": " + out + err;
    }
}
