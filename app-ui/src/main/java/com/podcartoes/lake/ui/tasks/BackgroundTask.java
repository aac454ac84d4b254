package com.podcartoes.lake.ui.tasks;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A unit of work for the {@link TaskExecutor} (in the manner of JabRef's BackgroundTask): a title, the work, and
 * what to do on the UI thread with its result or its failure. Built once, submitted once.
 *
 * @param <T> the work's result
 */
public final class BackgroundTask<T> {
    /** The work itself; it runs off the UI thread and may report progress. */
    public interface Work<T> {
        T call(TaskProgress progress) throws Exception;
    }

    private final String title;
    private final Work<T> work;
    private Consumer<T> onSuccess = result -> { };
    private Consumer<Throwable> onFailure = error -> { };
    private Runnable onFinished = () -> { };
    private Runnable onCancel = () -> { };
    private Object latestWinsGroup;
    private boolean visible;

    private BackgroundTask(String title, Work<T> work) {
        this.title = Objects.requireNonNull(title);
        this.work = Objects.requireNonNull(work);
    }

    public static <T> BackgroundTask<T> of(String title, Work<T> work) {
        return new BackgroundTask<>(title, work);
    }

    public static <T> BackgroundTask<T> of(String title, Callable<T> work) {
        return new BackgroundTask<>(title, progress -> work.call());
    }

    /** On the UI thread, with the result. */
    public BackgroundTask<T> onSuccess(Consumer<T> action) {
        this.onSuccess = Objects.requireNonNull(action);
        return this;
    }

    /** On the UI thread, with whatever the work threw: an {@link Error} too, so no button stays disabled. */
    public BackgroundTask<T> onFailure(Consumer<Throwable> action) {
        this.onFailure = Objects.requireNonNull(action);
        return this;
    }

    /** On the UI thread, after the success or failure action, whatever happened (also when a newer task won). */
    public BackgroundTask<T> onFinished(Runnable action) {
        this.onFinished = Objects.requireNonNull(action);
        return this;
    }

    /** What cancelling does beyond flagging the task (e.g. cancel a flow run); runs on the caller's thread. */
    public BackgroundTask<T> onCancel(Runnable action) {
        this.onCancel = Objects.requireNonNull(action);
        return this;
    }

    /**
     * Latest wins within {@code group} (compared by identity: e.g. the list the result goes into): once a newer task
     * of the same group was submitted, this one's result and failure are dropped (a slow refresh never overwrites a
     * newer one).
     */
    public BackgroundTask<T> latestWins(Object group) {
        this.latestWinsGroup = Objects.requireNonNull(group);
        return this;
    }

    /** Shown among the running tasks of the status bar, with its progress and message. */
    public BackgroundTask<T> visible() {
        this.visible = true;
        return this;
    }

    public String title() {
        return title;
    }

    Work<T> work() {
        return work;
    }

    Consumer<T> successAction() {
        return onSuccess;
    }

    Consumer<Throwable> failureAction() {
        return onFailure;
    }

    Runnable finishedAction() {
        return onFinished;
    }

    Runnable cancelAction() {
        return onCancel;
    }

    Object group() {
        return latestWinsGroup;
    }

    boolean isVisible() {
        return visible;
    }
}
