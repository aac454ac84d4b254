package com.podcartoes.lake.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.ingestion.IngestionFlow;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.testing.LocalS3;
import com.podcartoes.lake.testing.TestLakes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Following runs from the lake (the console's polling) and stopping a run: a cancelled run skips the stages it had
 * not started, and callbacks registered on the cancellation run exactly once.
 */
class RunHistoryAndCancellationTest {
    private final LocalS3 s3 = new LocalS3(TestLakes.newLakeHome("history"));
    private final S3Bucket lake = s3.bucket("pod-lake");
    private final RunRecordStore store = new RunRecordStore(lake);

    @AfterEach
    void stop() {
        s3.close();
    }

    private static RunRecord record(String runId, String stage, String subject, RunState state, int attempt) {
        Instant t = Instant.parse("2026-12-01T08:00:00Z");
        return new RunRecord(runId, "ingestion", stage, subject, state, t, state.isFinal() ? t.plusSeconds(3) : null,
                1, 10, 5, state == RunState.FAILED ? "broke" : null, null, "host", null, null, attempt);
    }

    @Test
    void aRefreshReadsOnlyWhatChangedAndSaysWhetherAnythingDid() {
        RunHistory history = new RunHistory(lake);
        assertThat(history.refresh()).satisfies(s -> {
            assertThat(s.records()).isEmpty();
            assertThat(s.changed()).isFalse();
        });
        store.save(record("r1", "extract", "tb_faturas", RunState.RUNNING, 1));
        assertThat(history.refresh().changed()).isTrue();
        assertThat(history.refresh().changed()).isFalse(); // nothing new: no GET, no change

        store.save(record("r1", "extract", "tb_faturas", RunState.SUCCEEDED, 1));
        RunHistory.Snapshot after = history.refresh();
        assertThat(after.changed()).isTrue();
        assertThat(after.records()).singleElement().extracting(RunRecord::state).isEqualTo(RunState.SUCCEEDED);

        lake.delete(RunRecordStore.key(after.records().get(0)));
        assertThat(history.refresh()).satisfies(s -> {
            assertThat(s.changed()).isTrue();
            assertThat(s.records()).isEmpty();
        });
    }

    @Test
    void anUnreadableRunRecordIsLeftOutAndReportedSoListingStillWorks() {
        store.save(record("r5", "extract", "tb_faturas", RunState.SUCCEEDED, 1));
        String cut = RunRecordStore.PREFIX + "r6/extract-tb_faturas.json";
        String foreign = RunRecordStore.PREFIX + "r7/notes.json";
        lake.putBytes(cut, "{\"runId\": \"r6\", \"flo".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/json");
        lake.putBytes(foreign, "{\"note\": \"hello\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/json");

        assertThat(store.all()).extracting(RunRecord::runId).containsExactly("r5");
        assertThat(store.unreadable()).containsExactlyInAnyOrder(cut, foreign);
        RunHistory.Snapshot snapshot = new RunHistory(lake).refresh();
        assertThat(snapshot.records()).extracting(RunRecord::runId).containsExactly("r5");
        assertThat(snapshot.unreadable()).containsExactly(cut, foreign);
    }

    @Test
    void aCancelledRunSkipsTheStagesItHadNotStarted() {
        Cancellation cancellation = new Cancellation();
        List<RunRecord> changes = new ArrayList<>();
        StageRunner runner = new StageRunner(store, new RunListener() {
            @Override
            public void recordChanged(RunRecord record) {
                changes.add(record);
            }
        }, Clock.systemUTC(), cancellation);
        AtomicInteger stops = new AtomicInteger();
        Stage<Stage.Outcome> first = stage("extract", context -> {
            context.cancellation().onCancel(stops::incrementAndGet);
            cancellation.cancel(); // the user presses Cancel while this stage runs
            cancellation.cancel();
            context.cancellation().throwIfCancelled("the next file");
        });
        Stage<Stage.Outcome> second = stage("load", context -> Assertions.fail("a cancelled run started a stage"));

        StageRunner.Execution<?> a = runner.execute("r2", first);
        StageRunner.Execution<?> b = runner.execute("r2", second);

        assertThat(stops).hasValue(1);
        assertThat(a.record().state()).isEqualTo(RunState.CANCELLED);
        assertThat(a.record().error()).isEqualTo("cancelled before the next file");
        assertThat(b.record().state()).isEqualTo(RunState.SKIPPED);
        assertThat(b.record().summary()).isEqualTo("not run: the run was cancelled");
        assertThat(store.all()).extracting(RunRecord::stageKey, RunRecord::state).containsExactlyInAnyOrder(
                Assertions.tuple("extract-tb_faturas", RunState.CANCELLED),
                Assertions.tuple("load-tb_faturas", RunState.SKIPPED));
        assertThat(cancellation.onCancel(stops::incrementAndGet)).isNotNull();
        assertThat(stops).hasValue(2); // registered after the fact: runs at once
    }

    @Test
    void anIngestionRetryTakesEachSubjectThatDidNotFinish() {
        List<RunRecord> records = List.of(
                record("r3", "extract", "tb_faturas", RunState.SUCCEEDED, 1),
                record("r3", "extract", "tb_pagamentos", RunState.FAILED, 1),
                record("r3", "load", "tb_faturas", RunState.SUCCEEDED, 1),
                record("r4", "extract", "tb_faturas", RunState.SUCCEEDED, 1));
        IngestionFlow.Options again = IngestionFlow.retryOf("r3", records);
        assertThat(again.subjects()).containsExactly(Subject.PAGAMENTOS);
        assertThat(again.stages()).containsExactlyInAnyOrder(IngestionFlow.StageName.values());

        Assertions.assertThatThrownBy(() -> IngestionFlow.retryOf("r4", records))
                .hasMessage("every stage of run r4 succeeded: nothing to retry");
        Assertions.assertThatThrownBy(() -> IngestionFlow.retryOf("nope", records))
                .hasMessage("no ingestion run nope (see 'lake runs')");
    }

    private static Stage<Stage.Outcome> stage(String name, Consumer<StageContext> body) {
        return TestStages.stage("ingestion", name, "tb_faturas", body);
    }
}
