package com.podcartoes.lake.ui.doctor;

import com.podcartoes.lake.doctor.Preflight;
import com.podcartoes.lake.ui.dialogs.DialogService;
import com.podcartoes.lake.ui.tasks.BackgroundTask;
import com.podcartoes.lake.ui.tasks.TaskExecutor;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The console's Test connection: {@code lake doctor}'s preflight ({@link Preflight}) in the background, its checks
 * shown as a report, one line each with the fix under a failure.
 */
public final class ConnectionTestViewModel {
    private final Supplier<Preflight.Report> preflight;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Preflight.Report> last = new ReadOnlyObjectWrapper<>();

    public ConnectionTestViewModel(Supplier<Preflight.Report> preflight, TaskExecutor tasks, DialogService dialogs) {
        this.preflight = preflight;
        this.tasks = tasks;
        this.dialogs = dialogs;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Preflight.Report> lastReportProperty() {
        return last.getReadOnlyProperty();
    }

    /** Runs the checks (once at a time) and shows their report. */
    public void test() {
        if (running.get()) {
            return;
        }
        running.set(true);
        tasks.submit(BackgroundTask.of("Testing the connection", preflight::get)
                .onSuccess(report -> {
                    running.set(false);
                    last.set(report);
                    List<String> lines = report.lines();
                    dialogs.showReport("Test connection", lines.get(lines.size() - 1),
                            lines.subList(0, lines.size() - 1));
                })
                .onFailure(e -> {
                    running.set(false);
                    dialogs.showError("Test connection", e);
                }));
    }

}
