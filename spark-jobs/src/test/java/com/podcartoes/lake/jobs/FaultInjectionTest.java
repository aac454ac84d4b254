package com.podcartoes.lake.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.podcartoes.lake.jobs.book.BookJob;
import com.podcartoes.lake.jobs.common.FaultPoints;
import com.podcartoes.lake.jobs.common.LakeTables;
import com.podcartoes.lake.jobs.trusted.TrustedJob;
import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.layout.SnapshotSummary;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.testing.RawLake;
import com.podcartoes.lake.testing.TestDirs;
import com.podcartoes.lake.testing.TestSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.Snapshot;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults around a job's commits, in-process (the real kill of a child JVM is in pipeline-core's
 * FaultInjectionTest): a failure before or after each Iceberg commit, and what a killed attempt leaves behind.
 * Either way the tables read whole and equal to what they were, and the next run succeeds with no cleanup.
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
        return new TrustedJob(spark, Subject.FATURAS).lake(lake.uri()).catalog(lake.catalog()).runId(runId)
                .maxRejectRate(0.5);
    }

    private BookJob book(String runId) {
        return new BookJob(spark).lake(lake.uri()).catalog(lake.catalog()).ref("202303").runId(runId);
    }

    /** Two months of invoices and one reject. */
    private void loadTwoMonths() {
        lake.addRaw(FILE, (Subject.FATURAS.header() + "\n"
                + "1-1,1,2023-01-01,2023-01-10,10.0,3.0\n"
                + "2-1,2,2023-01-01,2023-01-10,20.0,6.0\n"
                + "3-1,3,2023-01-01,2023-01-10,-5.0,6.0\n"
                + "1-2,1,2023-02-01,2023-02-10,30.0,9.0\n").getBytes(StandardCharsets.UTF_8));
    }

    private LakeTables tables() {
        return lake.tables(spark);
    }

    private List<Row> rows() {
        return TrustedJob.read(tables(), Subject.FATURAS, -1).drop("dt_proc").orderBy("id_fatura", "id_cliente")
                .collectAsList();
    }

    private List<Row> rejects() {
        return tables().read(LakeTable.REJECTS_FATURAS, -1).drop("dt_proc", "run_id").collectAsList();
    }

    /** Leaves what a killed attempt wrote before its commit: a data file in its own directory, in no snapshot. */
    private Path deadAttempt(LakeTable table) throws IOException {
        Path data = lake.path(table.prefix() + LakeTable.DATA);
        Path someFile;
        try (Stream<Path> files = Files.walk(data)) {
            someFile = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Path dead = lake.path(table.attemptPrefix("run-dead-0badcafe")).resolve(data.relativize(someFile)
                .subpath(1, data.relativize(someFile).getNameCount()));
        Files.createDirectories(dead.getParent());
        Files.copy(someFile, dead);
        return lake.path(table.attemptPrefix("run-dead-0badcafe"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"trusted.staged", "trusted.rejects.before-commit", "trusted.rejects.after-commit",
        "trusted.rows.before-commit", "trusted.rows.after-commit"})
    void aFaultAroundEachCommitOfARerunLeavesTheTablesWholeAndTheNextRunSucceeds(String point) throws IOException {
        loadTwoMonths();
        trusted("run-1").execute();
        List<Row> before = rows();
        List<Row> rejectsBefore = rejects();
        assertThat(before).hasSize(3);
        assertThat(rejectsBefore).hasSize(1);
        Path dead = deadAttempt(LakeTable.TRUSTED_FATURAS);
        System.setProperty(FaultPoints.PROPERTY, point);
        System.setProperty(FaultPoints.MODE, "throw");

        assertThatThrownBy(() -> trusted("run-2").files(List.of(FILE)).execute())
                .hasMessage("fault injected at " + point);

        assertThat(rows()).isEqualTo(before);
        assertThat(rejects()).isEqualTo(rejectsBefore);
        noFault();
        assertThat(trusted("run-2").files(List.of(FILE)).execute().rowsWritten()).isEqualTo(3);
        assertThat(rows()).isEqualTo(before);
        assertThat(rejects()).isEqualTo(rejectsBefore);
        assertThat(dead).doesNotExist(); // the killed attempt's files, removed by the retry
    }

    @Test
    void aReaderOfTheOldSnapshotSeesItWholeWhileARerunReplacesIt() {
        loadTwoMonths();
        trusted("run-1").dtProc("20230301000000").execute();
        long first = tables().currentSnapshotId(LakeTable.TRUSTED_FATURAS);

        trusted("run-2").dtProc("20230401000000").files(List.of(FILE)).execute();

        // Never a mix: the old snapshot has run 1's rows only, the current one run 2's only.
        assertThat(TrustedJob.read(tables(), Subject.FATURAS, first).select("dt_proc").distinct().collectAsList())
                .extracting(r -> r.getString(0)).containsExactly("20230301000000");
        assertThat(TrustedJob.read(tables(), Subject.FATURAS, first).count()).isEqualTo(3);
        assertThat(TrustedJob.read(tables(), Subject.FATURAS, -1).select("dt_proc").distinct().collectAsList())
                .extracting(r -> r.getString(0)).containsExactly("20230401000000");
        assertThat(TrustedJob.read(tables(), Subject.FATURAS, -1).count()).isEqualTo(3);
    }

    @Test
    void aBookRunThatDiesBetweenItsStageAndBookCommitsLeavesTheBookWholeAndTheNextRunCommitsBoth()
            throws IOException {
        loadTwoMonths();
        trusted("run-1").execute();
        book("book-1").execute();
        List<Row> before = BookJob.readBook(tables(), "202303").drop("dt_proc").collectAsList();
        assertThat(before).hasSize(2);
        Path dead = deadAttempt(LakeTable.BOOK);
        System.setProperty(FaultPoints.PROPERTY, "book.book.before-commit");
        System.setProperty(FaultPoints.MODE, "throw");

        assertThatThrownBy(() -> book("book-2").execute()).hasMessage("fault injected at book.book.before-commit");

        // The stage moved on, the book did not: its snapshot still names the stage snapshot it was built with.
        assertThat(BookJob.readBook(tables(), "202303").drop("dt_proc").collectAsList())
                .containsExactlyInAnyOrderElementsOf(before);
        Map<String, String> bookSummary = tables().load(LakeTable.BOOK).currentSnapshot().summary();
        Snapshot stage = tables().load(LakeTable.STAGE).currentSnapshot();
        assertThat(stage.summary()).containsEntry(SnapshotSummary.RUN_ID, "book-2");
        assertThat(bookSummary).containsEntry(SnapshotSummary.RUN_ID, "book-1");
        assertThat(bookSummary.get(SnapshotSummary.STAGE_SNAPSHOT)).isNotEqualTo(Long.toString(stage.snapshotId()));
        // And the stage names the book snapshot it went with, which never came: what tells the pair apart.
        long promised = Long.parseLong(stage.summary().get(SnapshotSummary.BOOK_SNAPSHOT));
        assertThat(tables().load(LakeTable.BOOK).snapshot(promised)).isNull();

        noFault();
        book("book-3").execute();

        assertThat(BookJob.readBook(tables(), "202303").drop("dt_proc").collectAsList())
                .containsExactlyInAnyOrderElementsOf(before);
        bookSummary = tables().load(LakeTable.BOOK).currentSnapshot().summary();
        // The pair name each other.
        assertThat(tables().load(LakeTable.STAGE).currentSnapshot().summary())
                .containsEntry(SnapshotSummary.BOOK_SNAPSHOT, Long.toString(tables().currentSnapshotId(LakeTable.BOOK)));
        assertThat(bookSummary).containsEntry(SnapshotSummary.RUN_ID, "book-3")
                .containsEntry(SnapshotSummary.STAGE_SNAPSHOT, Long.toString(tables().currentSnapshotId(LakeTable.STAGE)))
                .containsEntry(SnapshotSummary.TRUSTED_SNAPSHOTS, "tb_0001_fatura="
                        + tables().currentSnapshotId(LakeTable.TRUSTED_FATURAS) + ",tb_0002_pagamentos=-1");
        assertThat(dead).doesNotExist();
    }
}
