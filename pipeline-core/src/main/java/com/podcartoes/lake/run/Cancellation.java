package com.podcartoes.lake.run;

import java.util.ArrayList;
import java.util.List;

/**
 * A request to stop a run, shared by whoever started it (the console's Cancel, its exit) and the stages it runs:
 * a Spark stage cancels its step when asked, the ingestion stages stop between files, and a flow records the
 * stages it did not start as SKIPPED. Cancelling twice is the same as once.
 */
public final class Cancellation {
    /** Never cancelled: the CLI's runs, which stop with their process or through {@code lake cancel}. */
    public static final Cancellation NONE = new Cancellation();

    private final List<Runnable> callbacks = new ArrayList<>();
    private boolean cancelled;

    public void cancel() {
        if (this == NONE) {
            return;
        }
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(callbacks);
            callbacks.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * Runs {@code callback} when cancelled, at once if already cancelled.
     *
     * @return removes the callback again (when the work it would stop has ended)
     */
    public Runnable onCancel(Runnable callback) {
        synchronized (this) {
            if (!cancelled) {
                callbacks.add(callback);
                return () -> {
                    synchronized (this) {
                        callbacks.remove(callback);
                    }
                };
            }
        }
        callback.run();
        return () -> { };
    }

    /** @throws StageCancelledException when cancelled */
    public void throwIfCancelled(String what) {
        if (isCancelled()) {
            throw new StageCancelledException("cancelled before " + what);
        }
    }
}
