package com.podcartoes.lake.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.podcartoes.lake.jobs.book.BookJob;
import com.podcartoes.lake.jobs.common.FaultPoints;
import com.podcartoes.lake.jobs.trusted.TrustedJob;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.testing.RawLake;
import com.podcartoes.lake.testing.TestDirs;
import com.podcartoes.lake.testing.TestSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Faults in the middle of a job's publish, in-process: an exception between the two renames of a swap, and what a
 * job killed there leaves behind (its real kill, a halted child JVM, is in pipeline-core's FaultInjectionTest).
 * Either way a month reads whole and equal to what it was, and the next ordinary run succeeds with no cleanup.
 */
class FaultInjectionTest {
    private final SparkSession spark = TestSpark.session();
    private final RawLake lake = new RawLake(TestDirs.newDir("faults").resolve("pod-lake"));
    private static final String FILE = "tb_faturas_20230201_20230202000000.csv";

    @AfterEach
    void noFault() {
        System.clearProperty(FaultPoints.PROPERTY);
        System.clearProperty(FaultPoints.MODE);
    }

    private TrustedJob trusted(String runId) {
        return new TrustedJob(spark, Subject.FATURAS).lake(lake.uri()).runId(runId);
    }

    private void loadTwoMonths() {
        lake.addRaw(FILE, (Subject.FATURAS.header() + "\n"
                + "1-1,1,2023-01-01,2023-01-10,10.0,3.0\n"
                + "2-1,2,2023-01-01,2023-01-10,20.0,6.0\n"
                + "1-2,1,2023-02-01,2023-02-10,30.0,9.0\n").getBytes(StandardCharsets.UTF_8));
    }

    private List<Row> table() {
        return TrustedJob.read(spark, lake.uri(), Subject.FATURAS).drop("dt_proc").orderBy("id_fatura", "id_cliente")
                .collectAsList();
    }

    private List<String> hiddenDirs(String prefix) throws IOException {
        try (Stream<Path> dirs = Files.list(lake.path(prefix))) {
            return dirs.map(d -> d.getFileName().toString()).filter(n -> n.startsWith("_")).sorted().toList();
        }
    }

    @Test
    void aFailureBetweenTheRenamesOfASwapPutsTheCurrentMonthBack() throws IOException {
        loadTwoMonths();
        trusted("run-1").execute();
        List<Row> before = table();
        System.setProperty(FaultPoints.PROPERTY, "publish.between-renames");
        System.setProperty(FaultPoints.MODE, "throw");

        assertThatThrownBy(() -> trusted("run-2").files(List.of(FILE)).execute())
                .hasMessage("fault injected at publish.between-renames");

        assertThat(table()).isEqualTo(before).hasSize(3);
        assertThat(hiddenDirs(LakeLayout.trustedPrefix(Subject.FATURAS))).isEmpty();
        noFault();
        assertThat(trusted("run-3").files(List.of(FILE)).execute().rowsWritten()).isEqualTo(3);
        assertThat(table()).isEqualTo(before);
    }

    @Test
    void whatAJobKilledWhilePublishingLeftIsRepairedByTheNextRun() throws IOException {
        loadTwoMonths();
        trusted("run-1").execute();
        List<Row> before = table();
        String table = LakeLayout.trustedPrefix(Subject.FATURAS);
        String january = "ref=202301/source_file=" + FILE;
        // Killed between the renames of January: it sits in the dead run's trash, its replacement still staged.
        FileUtils.copyDirectory(lake.path(table + january).toFile(), lake.path(table + "_staging_dead/" + january)
                .toFile());
        Files.createDirectories(lake.path(table + "_trash_dead/ref=202301"));
        Files.move(lake.path(table + january), lake.path(table + "_trash_dead/" + january));
        Files.createDirectories(lake.path(table + "_staging_older/ref=202302/source_file=x.csv"));
        assertThat(table()).hasSize(1); // the reader sees February only, meanwhile

        // The next ordinary run has no new file; it repairs before anything else.
        assertThat(trusted("run-2").execute().files()).isEmpty();

        assertThat(table()).isEqualTo(before);
        assertThat(hiddenDirs(table)).isEmpty();
    }

    @Test
    void aBookMonthKilledBetweenStageAndBookIsRebuiltWholeByTheNextRun() throws IOException {
        loadTwoMonths();
        trusted("run-1").execute();
        new BookJob(spark).lake(lake.uri()).ref("202303").runId("book-1").execute();
        Dataset<Row> book = BookJob.readBook(spark, lake.uri(), "202303").drop("dt_proc");
        List<Row> before = book.collectAsList();
        // Killed after the stage moved in, before the book did: the book's old month is still in place.
        Files.createDirectories(lake.path(LakeLayout.BOOK + "_staging_dead/ref=202303"));
        Files.createDirectories(lake.path(LakeLayout.STAGE + "_trash_dead/ref=202303"));

        new BookJob(spark).lake(lake.uri()).ref("202303").runId("book-2").execute();

        assertThat(BookJob.readBook(spark, lake.uri(), "202303").drop("dt_proc").collectAsList())
                .containsExactlyInAnyOrderElementsOf(before).hasSize(2);
        assertThat(hiddenDirs(LakeLayout.BOOK)).noneMatch(d -> d.startsWith("_staging_") || d.startsWith("_trash_"));
        assertThat(hiddenDirs(LakeLayout.STAGE)).isEmpty();
    }
}
