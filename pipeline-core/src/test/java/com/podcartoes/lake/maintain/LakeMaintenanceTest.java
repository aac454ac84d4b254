package com.podcartoes.lake.maintain;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.flow.FlowLock;
import com.podcartoes.lake.flow.ProcessingFlow;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunRecordStore;
import com.podcartoes.lake.run.RunState;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Entry;
import com.podcartoes.lake.testing.LocalS3;
import com.podcartoes.lake.testing.TestLakes;
import com.podcartoes.lake.testing.TestTables;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retention on the embedded S3 server: what goes, and everything that must stay. */
class LakeMaintenanceTest {
    private final LocalS3 s3 = new LocalS3(TestLakes.newLakeHome("maintain"));
    private final S3Bucket lake = s3.bucket("pod-lake");
    private final RunRecordStore store = new RunRecordStore(lake);
    /** 100 days on: every object written now is 100 days old. */
    private final Instant now = Instant.now().plus(Duration.ofDays(100));
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);

    @AfterEach
    void stop() {
        s3.close();
    }

    private void run(String runId, String flow, RunState state, Instant ended, String cluster) {
        store.save(new RunRecord(runId, flow, "trusted", "tb_faturas", state, ended.minusSeconds(60),
                state == RunState.RUNNING ? null : ended, 1, 10, 5, null, null, "host", cluster, null, 1));
        put(LakeLayout.trustedMetricsKey(Subject.FATURAS, runId));
        put(LakeLayout.progressKey(runId, "trusted"));
    }

    private void put(String key) {
        lake.putBytes(key, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private List<String> keys() {
        return lake.list("", true).stream().map(S3Entry::key).toList();
    }

    @Test
    void prunesOldRunsLogsAndLeftoversAndKeepsStateAndWhatIsRecentOrRunning() {
        Instant old = now.minus(Duration.ofDays(95));
        run("old-1", "processing", RunState.SUCCEEDED, old, "local-a");
        run("old-2", "processing", RunState.FAILED, old.plusSeconds(10), "local-b");
        run("old-3", "processing", RunState.SUCCEEDED, old.plusSeconds(20), null); // among the latest 2 kept
        run("recent", "processing", RunState.SUCCEEDED, now.minus(Duration.ofDays(3)), "local-c");
        run("stuck", "ingestion", RunState.RUNNING, old, null);
        put(LakeLayout.LOGS + "local-a/steps/s-1/stdout.gz");
        put(LakeLayout.LOGS + "local-c/steps/s-2/stdout.gz");
        put(LakeLayout.trustedPrefix(Subject.FATURAS) + "_staging_old-1/ref=202301/part-0.parquet");
        put(LakeLayout.BOOK + "_trash_old-2/ref=202302/part-0.parquet");
        List<String> state = List.of(LakeLayout.rawDataPrefix(Subject.FATURAS) + "tb_faturas_20230201_20230202000000"
                        + ".csv", LakeLayout.CONTROL + "ledger/tb_0001_fatura/tb_faturas_20230201_20230202000000.csv.json",
                LakeLayout.trustedPrefix(Subject.FATURAS) + "ref=202301/source_file=x/part-0.parquet",
                LakeLayout.BOOK + "ref=202302/part-0.parquet");
        state.forEach(this::put);
        List<String> before = keys();

        LakeMaintenance.Result dry = new LakeMaintenance(lake, clock).retention(Duration.ofDays(90)).keepRuns(2)
                .dryRun(true).execute();
        assertThat(keys()).isEqualTo(before);

        LakeMaintenance.Result result = new LakeMaintenance(lake, clock).retention(Duration.ofDays(90)).keepRuns(2)
                .execute();

        assertThat(result.pruned()).isEqualTo(dry.pruned());
        assertThat(result.pruned()).extracting(p -> p.kind() + " " + p.what() + " " + p.objects()).containsExactly(
                "RUNS old-1 3", "RUNS old-2 3", "PROGRESS old-3 1", "PROGRESS recent 1", "LOGS 0004_logs/local-a/ 1",
                "LEFTOVERS 0002_trusted/tb_0001_fatura/_staging_old-1/ 1",
                "LEFTOVERS 0003_refined/book_fatura/_trash_old-2/ 1");
        List<String> after = keys();
        assertThat(after).containsAll(state)
                .contains(LakeLayout.LOGS + "local-c/steps/s-2/stdout.gz", // used by a kept run
                        LakeLayout.progressKey("stuck", "trusted"),        // still running
                        LakeLayout.trustedMetricsKey(Subject.FATURAS, "old-3"))
                .noneMatch(k -> k.contains("old-1") || k.contains("old-2") || k.contains("_trash_") || k.contains("local-a"));
        assertThat(store.all()).extracting(RunRecord::runId).containsExactlyInAnyOrder("old-3", "recent", "stuck");
    }

    @Test
    void leftoversWaitWhileTheProcessingFlowRuns() {
        put(LakeLayout.STAGE + "_staging_r9/ref=202301/part-0.parquet");
        try (FlowLock held = FlowLock.acquire(lake, ProcessingFlow.NAME, "r9", Duration.ofMinutes(2), clock)) {
            LakeMaintenance.Result result = new LakeMaintenance(lake, clock).execute();
            assertThat(result.pruned()).isEmpty();
            assertThat(result.notes()).singleElement().asString()
                    .startsWith("the tables are left for now, the processing flow is running");
        }
        assertThat(keys()).contains(LakeLayout.STAGE + "_staging_r9/ref=202301/part-0.parquet");
        assertThat(new LakeMaintenance(lake, clock).execute().pruned()).singleElement()
                .extracting(LakeMaintenance.Pruned::what).isEqualTo(LakeLayout.STAGE + "_staging_r9/");
    }

    @Test
    void expiresOldSnapshotsButNeverTheCurrentOneAndRemovesAttemptsNoSnapshotReferences() {
        try (var context = TestLakes.open("maintain-tables")) {
            S3Bucket bucket = context.lake();
            TestTables.commitMonths(context, LakeTable.BOOK, "202401");
            TestTables.commitMonths(context, LakeTable.BOOK, "202402");
            TestTables.commitMonths(context, LakeTable.BOOK, "202403");
            // What a killed attempt wrote: in no snapshot.
            bucket.putBytes(LakeTable.BOOK.attemptPrefix("run-9-dead") + "ref=202404/part-0.parquet", new byte[3],
                    "application/octet-stream");

            LakeMaintenance.Result dry = new LakeMaintenance(bucket, clock).tables(context.tables()).dryRun(true)
                    .execute();
            assertThat(dry.pruned()).extracting(LakeMaintenance.Pruned::kind, LakeMaintenance.Pruned::what)
                    .contains(org.assertj.core.groups.Tuple.tuple(LakeMaintenance.Kind.SNAPSHOTS,
                            "book_fatura: 2 snapshot(s) before " + now.minus(Duration.ofDays(90))),
                            org.assertj.core.groups.Tuple.tuple(LakeMaintenance.Kind.ORPHANS,
                            LakeTable.BOOK.attemptPrefix("run-9-dead")));
            assertThat(context.tables().table(LakeTable.BOOK).orElseThrow().snapshots()).hasSize(3);

            new LakeMaintenance(bucket, clock).tables(context.tables()).execute();

            var book = context.tables().table(LakeTable.BOOK).orElseThrow();
            assertThat(book.snapshots()).hasSize(1); // the current one, whatever its age
            assertThat(context.tables().partitionValues(LakeTable.BOOK, "ref"))
                    .containsExactly("202401", "202402", "202403");
            assertThat(bucket.list(LakeTable.BOOK.prefix() + LakeTable.DATA, true)).extracting(S3Entry::key)
                    .noneMatch(k -> k.contains("run-9-dead"));
            // A second pass finds nothing more to do.
            assertThat(new LakeMaintenance(bucket, clock).tables(context.tables()).execute().pruned())
                    .noneMatch(p -> p.kind() == LakeMaintenance.Kind.SNAPSHOTS
                            || p.kind() == LakeMaintenance.Kind.ORPHANS);
        }
    }
}
