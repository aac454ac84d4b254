package com.podcartoes.lake.ui.tasks;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** A submitted task as the status bar shows it: its title, progress and message, changed on the UI thread only. */
public final class RunningTask {
    private final String title;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(TaskProgress.INDETERMINATE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper cancelled = new ReadOnlyBooleanWrapper(false);
    private final Runnable cancelAction;

    RunningTask(String title, Runnable cancelAction) {
        this.title = title;
        this.cancelAction = cancelAction;
    }

    public String title() {
        return title;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cancelledProperty() {
        return cancelled.getReadOnlyProperty();
    }

    /** Asks the task to stop: its work sees {@link TaskProgress#cancelled()}, and its cancel action runs. */
    public void cancel() {
        if (!cancelled.get()) {
            cancelled.set(true);
            cancelAction.run();
        }
    }

    void update(double fraction, String text) {
        progress.set(fraction);
        if (text != null) {
            message.set(text);
        }
    }
}
