package com.podcartoes.lake.run;

import java.util.concurrent.TimeUnit;

/** What a running stage gets from its runner: the run id and a way to report progress (rate-limited). */
public final class StageContext {
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final String runId;
    private final String stage;
    private final String subject;
    private final RunListener listener;
    private long lastProgress;

    public StageContext(String runId, String stage, String subject, RunListener listener) {
        this.runId = runId;
        this.stage = stage;
        this.subject = subject;
        this.listener = listener;
    }

    public String runId() {
        return runId;
    }

    /** Reports progress; calls closer than 200 ms apart are dropped unless {@code force} (e.g. a file finished). */
    public void progress(int filesDone, int filesTotal, long bytesDone, long bytesTotal, String currentFile,
                         boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastProgress < PROGRESS_INTERVAL_NANOS) {
            return;
        }
        lastProgress = now;
        listener.progress(new StageProgress(runId, stage, subject, filesDone, filesTotal, bytesDone, bytesTotal,
                currentFile));
    }
}
