package com.podcartoes.lake.ui.tasks;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Runs {@link BackgroundTask}s off the UI thread and hands their ends back on it (in the manner of JabRef's
 * TaskExecutor). View models use nothing else, so tests run them with {@link #synchronous()} and no robot.
 * Whatever the work throws, {@link Error}s included, reaches the task's failure action; a task that lost to a newer
 * one of its latest-wins group has its result dropped.
 */
public final class TaskExecutor implements AutoCloseable {
    private final Executor worker;
    private final Executor ui;
    private final ExecutorService owned;
    // Groups by identity: a view model's own list or property is a fine group, whatever its contents become.
    private final Map<Object, AtomicLong> latest = Collections.synchronizedMap(new IdentityHashMap<>());
    private final ObservableList<RunningTask> running = FXCollections.observableArrayList();
    // One read-only view per list, kept: a listener added to a throwaway wrapper is collected with it.
    private final ObservableList<RunningTask> runningView =
            FXCollections.unmodifiableObservableList(running);

    /**
     * @param worker runs the work
     * @param ui     runs everything that touches view-model state (the JavaFX application thread in the console)
     */
    public TaskExecutor(Executor worker, Executor ui) {
        this(worker, ui, null);
    }

    private TaskExecutor(Executor worker, Executor ui, ExecutorService owned) {
        this.worker = worker;
        this.ui = ui;
        this.owned = owned;
    }

    /** Everything at once on the calling thread: for view-model tests. */
    public static TaskExecutor synchronous() {
        return new TaskExecutor(Runnable::run, Runnable::run);
    }

    /** A few daemon worker threads, and the JavaFX application thread for the ends. */
    public static TaskExecutor javafx() {
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "console-task");
            thread.setDaemon(true);
            return thread;
        });
        return new TaskExecutor(pool, Platform::runLater, pool);
    }

    /** The visible tasks still running, for the status bar (changed on the UI thread). */
    public ObservableList<RunningTask> running() {
        return runningView;
    }

    /** Runs {@code action} on the UI thread (for listeners called on other threads, e.g. a flow's). */
    public void onUi(Runnable action) {
        try {
            ui.execute(action);
        } catch (IllegalStateException | java.util.concurrent.RejectedExecutionException e) {
            // the toolkit or the UI executor has ended (the console is closing): nobody is left to show it to
        }
    }

    /** Submits the task; call it on the UI thread. */
    public <T> RunningTask submit(BackgroundTask<T> task) {
        long ticket = task.group() == null ? 0
                : latest.computeIfAbsent(task.group(), g -> new AtomicLong()).incrementAndGet();
        AtomicBoolean cancelled = new AtomicBoolean();
        RunningTask handle = new RunningTask(task.title(), () -> {
            cancelled.set(true);
            task.cancelAction().run();
        });
        if (task.isVisible()) {
            running.add(handle);
        }
        TaskProgress progress = new TaskProgress() {
            @Override
            public void progress(double fraction) {
                onUi(() -> handle.update(fraction, null));
            }

            @Override
            public void message(String message) {
                onUi(() -> handle.update(handle.progressProperty().get(), message));
            }

            @Override
            public boolean cancelled() {
                return cancelled.get();
            }
        };
        worker.execute(() -> {
            T result = null;
            Throwable failure = null;
            try {
                result = task.work().call(progress);
            } catch (Throwable e) { // an Error too: the failure action must run, or a button stays disabled
                failure = e;
            }
            T value = result;
            Throwable error = failure;
            onUi(() -> finish(task, ticket, handle, value, error));
        });
        return handle;
    }

    private <T> void finish(BackgroundTask<T> task, long ticket, RunningTask handle, T result, Throwable failure) {
        running.remove(handle);
        try {
            boolean current = task.group() == null || latest.get(task.group()).get() == ticket;
            if (current) {
                if (failure == null) {
                    task.successAction().accept(result);
                } else {
                    task.failureAction().accept(failure);
                }
            }
        } finally {
            task.finishedAction().run();
        }
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.shutdownNow();
        }
    }
}
