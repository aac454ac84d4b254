package com.podcartoes.lake.run;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs stages and keeps their run records: RUNNING when a stage starts, SUCCEEDED or FAILED (with the error
 * sentence) when it ends, each change saved in the lake and passed to the listener.
 */
public final class StageRunner {
    private static final DateTimeFormatter RUN_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final RunRecordStore store;
    private final RunListener listener;
    private final Clock clock;
    private final java.time.Duration progressInterval;
    private final Cancellation cancellation;

    public StageRunner(RunRecordStore store, RunListener listener, Clock clock) {
        this(store, listener, clock, StageContext.DEFAULT_PROGRESS_INTERVAL, Cancellation.NONE);
    }

    /** A runner whose stages stop when {@code cancellation} is cancelled (the console's Cancel and exit). */
    public StageRunner(RunRecordStore store, RunListener listener, Clock clock, Cancellation cancellation) {
        this(store, listener, clock, StageContext.DEFAULT_PROGRESS_INTERVAL, cancellation);
    }

    /** With another progress rate limit (zero: every report reaches the listener). */
    public StageRunner(RunRecordStore store, RunListener listener, Clock clock, java.time.Duration progressInterval) {
        this(store, listener, clock, progressInterval, Cancellation.NONE);
    }

    private StageRunner(RunRecordStore store, RunListener listener, Clock clock, java.time.Duration progressInterval,
                        Cancellation cancellation) {
        this.store = store;
        this.listener = listener;
        this.clock = clock;
        this.progressInterval = progressInterval;
        this.cancellation = cancellation;
    }

    /** The cancellation of the runs this runner runs. */
    public Cancellation cancellation() {
        return cancellation;
    }

    /** A new run id: sortable by start time, unique across machines. */
    public String newRunId() {
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return RUN_ID_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(random);
    }

    /** The end of one stage execution: its final record, and the outcome or the failure. */
    public record Execution<R extends Stage.Outcome>(RunRecord record, R outcome, RuntimeException failure) {
        public boolean succeeded() {
            return failure == null;
        }
    }

    /** Runs a stage once and returns how it ended; failures are recorded, not thrown. */
    public <R extends Stage.Outcome> Execution<R> execute(String runId, Stage<R> stage) {
        return execute(runId, stage, RetryPolicy.NONE);
    }

    /**
     * Runs a stage, again after a failure while the policy allows (never after a cancellation), and returns how
     * its last attempt ended. Each attempt has its own record state changes; the attempt number is in the record.
     * Once the run is cancelled, a stage not yet started is recorded SKIPPED instead of run.
     */
    public <R extends Stage.Outcome> Execution<R> execute(String runId, Stage<R> stage, RetryPolicy retries) {
        if (cancellation.isCancelled()) {
            RunRecord skipped = skip(runId, stage.flow(), stage.name(), stage.subject(),
                    "not run: the run was cancelled");
            return new Execution<>(skipped, null, new StageCancelledException("the run was cancelled"));
        }
        for (int attempt = 1; ; attempt++) {
            Execution<R> execution = attempt(runId, stage, attempt);
            if (execution.succeeded() || attempt >= retries.attempts()
                    || execution.record().state() == RunState.CANCELLED || cancellation.isCancelled()) {
                return execution;
            }
            try {
                Thread.sleep(retries.backoffBefore(attempt + 1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return execution;
            }
        }
    }

    private <R extends Stage.Outcome> Execution<R> attempt(String runId, Stage<R> stage, int attempt) {
        Instant start = clock.instant();
        RunRecord[] current = {new RunRecord(runId, stage.flow(), stage.name(), stage.subject(), RunState.RUNNING,
                start, null, 0, 0, 0, null, null, Hosts.hostName(), null, null, attempt)};
        publish(current[0]);
        StageContext context = new StageContext(runId, stage.name(), stage.subject(), listener, progressInterval,
                (clusterId, stepId) -> {
                    RunRecord r = current[0];
                    current[0] = new RunRecord(runId, r.flow(), r.stage(), r.subject(), RunState.RUNNING, start, null,
                            0, 0, 0, null, null, r.host(), clusterId, stepId, attempt);
                    publish(current[0]);
                }, cancellation);
        try {
            R outcome = stage.execute(context);
            RunRecord r = current[0];
            List<String> warnings = outcome.warnings();
            RunRecord succeeded = new RunRecord(runId, stage.flow(), stage.name(), stage.subject(),
                    warnings.isEmpty() ? RunState.SUCCEEDED : RunState.SUCCEEDED_WITH_WARNINGS, start,
                    clock.instant(), outcome.files(), outcome.bytes(), outcome.records(),
                    warnings.isEmpty() ? null : String.join("; ", warnings), outcome.summary(), r.host(),
                    r.clusterId(), r.stepId(), attempt);
            publish(succeeded);
            return new Execution<>(succeeded, outcome, null);
        } catch (RuntimeException e) {
            RunState state = e instanceof StageCancelledException ? RunState.CANCELLED : RunState.FAILED;
            RunRecord failed = current[0].withState(state, clock.instant(),
                    e.getMessage() == null ? e.toString() : e.getMessage());
            try {
                publish(failed);
            } catch (RuntimeException recordFailure) {
                e.addSuppressed(recordFailure); // the lake may be what failed: keep the original cause first
            }
            return new Execution<>(failed, null, e);
        }
    }

    /** Records a stage that was not run (skipped by the user, or after a failure it depends on). */
    public RunRecord skip(String runId, String flow, String stage, String reason) {
        return skip(runId, flow, stage, null, reason);
    }

    /** Records a stage of a subject that was not run. */
    public RunRecord skip(String runId, String flow, String stage, String subject, String reason) {
        Instant now = clock.instant();
        RunRecord skipped = new RunRecord(runId, flow, stage, subject, RunState.SKIPPED, now, now, 0, 0, 0, null,
                reason, Hosts.hostName(), null, null, 0);
        publish(skipped);
        return skipped;
    }

    /** Runs a stage and returns its outcome; a failure is recorded, then thrown as {@link StageFailedException}. */
    public <R extends Stage.Outcome> R run(String runId, Stage<R> stage) {
        Execution<R> execution = execute(runId, stage);
        if (!execution.succeeded()) {
            throw new StageFailedException(execution.record(), execution.failure());
        }
        return execution.outcome();
    }

    private void publish(RunRecord record) {
        store.save(record);
        listener.recordChanged(record);
    }
}
