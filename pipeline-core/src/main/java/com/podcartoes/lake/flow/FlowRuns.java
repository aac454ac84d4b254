package com.podcartoes.lake.flow;

import com.podcartoes.lake.run.Cancellation;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunRecordStore;
import com.podcartoes.lake.run.RunState;
import com.podcartoes.lake.s3.S3Bucket;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a flow under its lock. When the lock is taken over from a run that stopped without releasing it (a crash),
 * the Spark steps that run recorded are cancelled and its stages still RUNNING are recorded INTERRUPTED first; the
 * stages themselves are idempotent (the Trusted ledger skips files already done, a book month is replaced as a
 * whole), so the new run resumes without duplicating. A run that finds its lock taken over (it could not renew in
 * time) is cancelled: it stops before its next stage, and its running step is cancelled.
 */
public final class FlowRuns {
    /** Renewed every third of it while the run lives: a crashed run blocks the flow this long at most. */
    public static final Duration LEASE = Duration.ofMinutes(2);

    private FlowRuns() {
    }

    /**
     * @param cancellation  the run's: cancelled if the lock is lost
     * @param cancelCrashed cancels the steps a crashed run (by its id) still has running
     */
    public static <T> T locked(S3Bucket lake, RunRecordStore store, String flow, String runId, Duration lease,
                               Clock clock, Cancellation cancellation, Consumer<String> cancelCrashed,
                               Supplier<T> body) {
        try (FlowLock lock = FlowLock.acquire(lake, flow, runId, lease, clock)) {
            lock.takenOverFrom().ifPresent(crashed -> {
                cancelCrashed.accept(crashed.runId());
                interrupt(store, crashed, clock);
            });
            lock.onLost(() -> {
                System.err.println("lake: run " + runId + " lost the lock of " + flow + " (its lease was not"
                        + " renewed in time and another run took it): stopping");
                cancellation.cancel();
            });
            return body.get();
        }
    }

    private static void interrupt(RunRecordStore store, FlowLock.Lease crashed, Clock clock) {
        for (RunRecord record : store.all()) {
            if (record.runId().equals(crashed.runId()) && record.state() == RunState.RUNNING) {
                store.save(record.withState(RunState.INTERRUPTED, clock.instant(), "its process ("
                        + crashed.owner() + ") stopped without finishing; the lease ended at " + crashed.expiresAt()));
            }
        }
    }
}
