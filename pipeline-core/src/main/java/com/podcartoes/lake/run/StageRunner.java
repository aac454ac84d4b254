package com.podcartoes.lake.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
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

    public StageRunner(RunRecordStore store, RunListener listener, Clock clock) {
        this(store, listener, clock, StageContext.DEFAULT_PROGRESS_INTERVAL);
    }

    /** With another progress rate limit (zero: every report reaches the listener). */
    public StageRunner(RunRecordStore store, RunListener listener, Clock clock, java.time.Duration progressInterval) {
        this.store = store;
        this.listener = listener;
        this.clock = clock;
        this.progressInterval = progressInterval;
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

    /** Runs a stage and returns how it ended; failures are recorded, not thrown. */
    public <R extends Stage.Outcome> Execution<R> execute(String runId, Stage<R> stage) {
        Instant start = clock.instant();
        RunRecord running = new RunRecord(runId, stage.flow(), stage.name(), stage.subject(), RunState.RUNNING, start,
                null, 0, 0, 0, null, null, host());
        publish(running);
        try {
            R outcome = stage.execute(new StageContext(runId, stage.name(), stage.subject(), listener,
                    progressInterval));
            RunRecord succeeded = new RunRecord(runId, stage.flow(), stage.name(), stage.subject(),
                    RunState.SUCCEEDED, start, clock.instant(), outcome.files(), outcome.bytes(), outcome.records(),
                    null, outcome.summary(), running.host());
            publish(succeeded);
            return new Execution<>(succeeded, outcome, null);
        } catch (RuntimeException e) {
            RunRecord failed = new RunRecord(runId, stage.flow(), stage.name(), stage.subject(), RunState.FAILED,
                    start, clock.instant(), 0, 0, 0, e.getMessage() == null ? e.toString() : e.getMessage(), null,
                    running.host());
            try {
                publish(failed);
            } catch (RuntimeException recordFailure) {
                e.addSuppressed(recordFailure); // the lake may be what failed: keep the original cause first
            }
            return new Execution<>(failed, null, e);
        }
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

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
