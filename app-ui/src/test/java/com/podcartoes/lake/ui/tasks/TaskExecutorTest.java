package com.podcartoes.lake.ui.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The background-task executor without a toolkit: latest wins, every Throwable reported, progress and cancel. */
class TaskExecutorTest {
    /** Work that waits until the test runs it, in any order: two refreshes that end the other way round. */
    private static final class HeldWork implements Executor {
        final Deque<Runnable> held = new ArrayDeque<>();

        @Override
        public void execute(Runnable command) {
            held.add(command);
        }
    }

    @Test
    void anOlderRefreshNeverOverwritesANewerOne() {
        HeldWork worker = new HeldWork();
        TaskExecutor tasks = new TaskExecutor(worker, Runnable::run);
        List<String> shown = new ArrayList<>();
        List<String> finished = new ArrayList<>();
        for (String result : List.of("old", "new")) {
            tasks.submit(BackgroundTask.of("refresh", () -> result).latestWins("runs").onSuccess(shown::add)
                    .onFinished(() -> finished.add(result)));
        }
        worker.held.removeLast().run(); // the newer one ends first
        worker.held.removeLast().run(); // then the older one, slower
        assertThat(shown).containsExactly("new");
        assertThat(finished).containsExactly("new", "old");

        // Another group is not affected, and a task outside any group always reports.
        tasks.submit(BackgroundTask.of("months", () -> "months").latestWins("months").onSuccess(shown::add));
        tasks.submit(BackgroundTask.of("log", () -> "log").onSuccess(shown::add));
        worker.held.removeFirst().run();
        worker.held.removeFirst().run();
        assertThat(shown).containsExactly("new", "months", "log");
    }

    @Test
    void aGroupIsItsObjectWhateverItsContentsBecome() {
        HeldWork worker = new HeldWork();
        TaskExecutor tasks = new TaskExecutor(worker, Runnable::run);
        javafx.collections.ObservableList<String> rows = javafx.collections.FXCollections.observableArrayList();
        for (String result : List.of("first", "second")) {
            tasks.submit(BackgroundTask.of("refresh", () -> result).latestWins(rows).onSuccess(rows::setAll));
        }
        worker.held.removeLast().run(); // fills the list: its hash changes, its identity does not
        worker.held.removeLast().run();
        assertThat(rows).containsExactly("second");
    }

    @Test
    void anErrorInTheWorkReachesTheFailureActionAndTheEnd() {
        TaskExecutor tasks = TaskExecutor.synchronous();
        List<Throwable> failures = new ArrayList<>();
        boolean[] ended = {false};
        tasks.submit(BackgroundTask.<String>of("run", () -> {
            throw new StackOverflowError("deep");
        }).visible().onSuccess(r -> { throw new AssertionError("no result expected"); })
                .onFailure(failures::add).onFinished(() -> ended[0] = true));
        assertThat(failures).singleElement().isInstanceOf(StackOverflowError.class);
        assertThat(ended[0]).isTrue();
        assertThat(tasks.running()).isEmpty();
    }

    @Test
    void aVisibleTaskShowsItsProgressUntilItEndsAndCanBeCancelled() {
        HeldWork worker = new HeldWork();
        TaskExecutor tasks = new TaskExecutor(worker, Runnable::run);
        boolean[] cancelledSeen = {false};
        int[] cancelActions = {0};
        RunningTask handle = tasks.submit(BackgroundTask.of("Pipeline run", progress -> {
            progress.progress(0.25);
            progress.message("extract tb_faturas: 1 of 4 files");
            cancelledSeen[0] = progress.cancelled();
            return "done";
        }).visible().onCancel(() -> cancelActions[0]++));
        assertThat(tasks.running()).containsExactly(handle);
        assertThat(handle.title()).isEqualTo("Pipeline run");
        assertThat(handle.progressProperty().get()).isEqualTo(TaskProgress.INDETERMINATE);

        handle.cancel();
        handle.cancel();
        assertThat(cancelActions[0]).isEqualTo(1);
        worker.held.removeFirst().run();
        assertThat(cancelledSeen[0]).isTrue();
        assertThat(handle.progressProperty().get()).isEqualTo(0.25);
        assertThat(handle.messageProperty().get()).isEqualTo("extract tb_faturas: 1 of 4 files");
        assertThat(tasks.running()).isEmpty();
    }
}
