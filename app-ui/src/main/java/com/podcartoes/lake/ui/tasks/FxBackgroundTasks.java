package com.podcartoes.lake.ui.tasks;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Work on a small pool of daemon threads, results and failures back on the JavaFX application thread. */
public final class FxBackgroundTasks implements BackgroundTasks, AutoCloseable {
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "console-task");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
        pool.submit(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Exception e) {
                Platform.runLater(() -> onFailure.accept(e));
            }
        });
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
