package com.podcartoes.lake.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.testing.LocalS3;
import com.podcartoes.lake.testing.TestLakes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries per stage: a failed attempt is recorded and retried, a cancelled one is not. */
class StageRunnerRetryTest {
    private final LocalS3 s3 = new LocalS3(TestLakes.newLakeHome("retry"));
    private final List<RunRecord> changes = new ArrayList<>();
    private final StageRunner runner;

    StageRunnerRetryTest() {
        s3.start();
        runner = new StageRunner(new RunRecordStore(s3.bucket("pod-lake")), new RunListener() {
            @Override
            public void recordChanged(RunRecord record) {
                changes.add(record);
            }
        }, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        s3.close();
    }

    /** A stage that fails (or is cancelled) its first {@code failures} times, then succeeds. */
    private static Stage<Stage.Outcome> flaky(int failures, boolean cancelled) {
        int[] calls = {0};
        return TestStages.stage("processing", "book", null, context -> {
            context.stepStarted("local-1", "s-" + (calls[0] + 1));
            if (calls[0]++ < failures) {
                throw cancelled ? new StageCancelledException("cancelled") : new IllegalStateException("boom");
            }
        });
    }

    @Test
    void aFailedAttemptIsRetriedAndEachAttemptRecorded() {
        var execution = runner.execute("run-1", flaky(1, false),
                new RetryPolicy(3, Duration.ofMillis(1), 1, Duration.ofMillis(1)));

        assertThat(execution.succeeded()).isTrue();
        assertThat(changes).extracting(RunRecord::state, RunRecord::attempt, RunRecord::stepId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(RunState.RUNNING, 1, null),
                org.assertj.core.groups.Tuple.tuple(RunState.RUNNING, 1, "s-1"),
                org.assertj.core.groups.Tuple.tuple(RunState.FAILED, 1, "s-1"),
                org.assertj.core.groups.Tuple.tuple(RunState.RUNNING, 2, null),
                org.assertj.core.groups.Tuple.tuple(RunState.RUNNING, 2, "s-2"),
                org.assertj.core.groups.Tuple.tuple(RunState.SUCCEEDED, 2, "s-2"));
        assertThat(changes.get(2).error()).isEqualTo("boom");
    }

    @Test
    void attemptsRunOutAndACancellationIsNeverRetried() {
        assertThat(runner.execute("run-2", flaky(5, false),
                new RetryPolicy(2, Duration.ofMillis(1), 1, Duration.ofMillis(1))).record())
                .extracting(RunRecord::state, RunRecord::attempt).containsExactly(RunState.FAILED, 2);

        assertThat(runner.execute("run-3", flaky(1, true),
                new RetryPolicy(3, Duration.ofMillis(1), 1, Duration.ofMillis(1))).record())
                .extracting(RunRecord::state, RunRecord::attempt).containsExactly(RunState.CANCELLED, 1);
    }
}
