package com.podcartoes.lake.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.compute.StepWatch;
import com.podcartoes.lake.run.RetryPolicy;
import com.podcartoes.lake.run.RunListener;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunRecordStore;
import com.podcartoes.lake.run.RunState;
import com.podcartoes.lake.spark.LocalSparkRunner;
import com.podcartoes.lake.testing.LocalS3;
import com.podcartoes.lake.testing.TestLakes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The processing flow on the local backend: a cancelled stage is recorded, not retried, and stops the flow. */
class ProcessingFlowTest {
    private final Path home = TestLakes.newLakeHome("processing-flow");
    private final LocalS3 s3 = new LocalS3(home);

    @AfterEach
    void stop() {
        s3.close();
    }

    @Test
    void cancellingTheRunningStepCancelsTheStageAndSkipsTheBook() {
        s3.start();
        RunRecordStore store = new RunRecordStore(s3.bucket("pod-lake"));
        LocalSparkRunner spark = new LocalSparkRunner(LocalSparkRunner.defaultSparkJobsDir(), "local[1]", "512m",
                null, s3.dataDir().resolve("pod-lake"), Clock.systemUTC());
        // Whoever watches the run (a console, 'lake cancel') cancels the step as soon as its record names it.
        RunListener canceller = new RunListener() {
            @Override
            public void recordChanged(RunRecord record) {
                if (record.state() == RunState.RUNNING && record.stepId() != null) {
                    spark.cancelStep(record.clusterId(), record.stepId());
                }
            }
        };
        com.podcartoes.lake.run.StageRunner runner = new com.podcartoes.lake.run.StageRunner(store, canceller,
                Clock.systemUTC());
        ProcessingFlow.Options options = new ProcessingFlow.Options(EnumSet.allOf(ProcessingFlow.StageName.class),
                null, null, null, new RetryPolicy(3, Duration.ofMillis(1), 1, Duration.ofMillis(1)));

        ProcessingFlow.Result result = new ProcessingFlow(spark, runner,
                new StepWatch.Backoff(Duration.ofMillis(100), 1.5, Duration.ofMillis(500)), s3.bucket("pod-lake"))
                .run("run-c", options);

        assertThat(result.succeeded()).isFalse();
        List<RunRecord> records = store.all();
        assertThat(records).filteredOn(r -> r.stage().equals("trusted")).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(RunState.CANCELLED);
            assertThat(r.attempt()).isEqualTo(1); // never retried
            assertThat(r.error()).startsWith("cancelled (step ").contains("lake logs run-c trusted");
        });
        assertThat(records).filteredOn(r -> r.stage().equals("book")).singleElement()
                .extracting(RunRecord::state).isEqualTo(RunState.SKIPPED);
        assertThat(spark.cluster(result.clusterId()).state())
                .isEqualTo(com.podcartoes.lake.compute.ClusterState.TERMINATED);

        // Retrying the run means its first stage that did not succeed and what depends on it, same months.
        ProcessingFlow.Plan plan = ProcessingFlow.Plan.load(s3.bucket("pod-lake"), "run-c");
        assertThat(ProcessingFlow.retryOf("run-c", plan.options(RetryPolicy.NONE), records).stages())
                .containsExactly(ProcessingFlow.StageName.TRUSTED, ProcessingFlow.StageName.BOOK);
    }

    @Test
    void aRetryRunsWhatFailedAndWhatDependsOnIt() {
        var original = new ProcessingFlow.Options(EnumSet.allOf(ProcessingFlow.StageName.class), null, "202301",
                "202312", RetryPolicy.NONE);
        List<RunRecord> bookFailed = List.of(record("trusted", RunState.SUCCEEDED, 1), record("book", RunState.FAILED,
                1), record("book", RunState.FAILED, 2));
        ProcessingFlow.Options retry = ProcessingFlow.retryOf("run-r", original, bookFailed);
        assertThat(retry.stages()).containsExactly(ProcessingFlow.StageName.BOOK);
        assertThat(retry.from()).isEqualTo("202301");
        assertThat(retry.to()).isEqualTo("202312");

        List<RunRecord> allDone = List.of(record("trusted", RunState.SUCCEEDED, 1), record("book", RunState.FAILED,
                1), record("book", RunState.SUCCEEDED, 2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProcessingFlow.retryOf("run-r", original, allDone))
                .hasMessageContaining("every stage of run run-r succeeded");
    }

    private static RunRecord record(String stage, RunState state, int attempt) {
        return new RunRecord("run-r", "processing", stage, null, state, java.time.Instant.EPOCH,
                java.time.Instant.EPOCH, 0, 0, 0, null, null, "host", null, null, attempt);
    }
}
