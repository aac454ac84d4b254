package com.podcartoes.lake.ui.tasks;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work off the UI thread and hands its result back on it (in the manner of JabRef's TaskExecutor). View
 * models use nothing else, so tests run them with {@link #synchronous()} and no toolkit.
 */
public interface BackgroundTasks {
    <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure);

    /** Runs the work at once on the calling thread: for tests. */
    static BackgroundTasks synchronous() {
        return new BackgroundTasks() {
            @Override
            public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(result);
            }
        };
    }
}
