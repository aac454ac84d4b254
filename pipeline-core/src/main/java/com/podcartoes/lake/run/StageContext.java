package com.podcartoes.lake.run;

import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * What a running stage gets from its runner: the run id, a way to report progress (rate-limited), and the run's
 * cancellation, which long stages consult.
 */
public final class StageContext {
    /** Progress reports closer together than this are dropped (except forced ones). */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofMillis(200);

    private final String runId;
    private final String stage;
    private final String subject;
    private final RunListener listener;
    private final long intervalNanos;
    private final BiConsumer<String, String> stepStarted;
    private final Cancellation cancellation;
    private long lastProgress;

    public StageContext(String runId, String stage, String subject, RunListener listener, Duration progressInterval) {
        this(runId, stage, subject, listener, progressInterval, (cluster, step) -> {
        }, Cancellation.NONE);
    }

    /** @param stepStarted told the cluster and step ids of a Spark stage's step, for its run record */
    public StageContext(String runId, String stage, String subject, RunListener listener, Duration progressInterval,
                        BiConsumer<String, String> stepStarted, Cancellation cancellation) {
        this.runId = runId;
        this.stage = stage;
        this.subject = subject;
        this.listener = listener;
        this.intervalNanos = progressInterval.toNanos();
        this.stepStarted = stepStarted;
        this.cancellation = cancellation;
    }

    /** A Spark stage's step was submitted: its record names it, so others can follow, read its logs or cancel it. */
    public void stepStarted(String clusterId, String stepId) {
        stepStarted.accept(clusterId, stepId);
    }

    public String runId() {
        return runId;
    }

    /** The run's cancellation: Spark stages cancel their step on it, others stop between files. */
    public Cancellation cancellation() {
        return cancellation;
    }

    /** Reports progress; calls closer than the interval are dropped unless {@code force} (e.g. a file finished). */
    public void progress(int filesDone, int filesTotal, long bytesDone, long bytesTotal, String currentFile,
                         boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastProgress < intervalNanos) {
            return;
        }
        lastProgress = now;
        listener.progress(new StageProgress(runId, stage, subject, filesDone, filesTotal, bytesDone, bytesTotal,
                currentFile));
    }
}
