package com.podcartoes.lake.ui.runs;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.flow.Flows;
import com.podcartoes.lake.flow.ProcessingFlow;
import com.podcartoes.lake.ingestion.IngestionFlow;
import com.podcartoes.lake.run.RunListener;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunRecordStore;
import com.podcartoes.lake.run.RunSummary;
import com.podcartoes.lake.ui.tasks.BackgroundTasks;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The runs of every flow, newest first, and the command that runs the whole pipeline. Read-only properties, changed
 * only by its commands; it never touches a control.
 */
public final class RunsViewModel {
    private final LakeContext lake;
    private final BackgroundTasks tasks;
    private final ObservableList<RunRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);

    public RunsViewModel(LakeContext lake, BackgroundTasks tasks) {
        this.lake = lake;
        this.tasks = tasks;
    }

    public ObservableList<RunRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Reads the run records from the lake. */
    public void refresh() {
        tasks.run(() -> load(new RunRecordStore(lake.lake()).all()), loaded -> {
            rows.setAll(loaded);
            status.set(loaded.isEmpty() ? "No runs yet: run the pipeline." : loaded.size() + " runs");
        }, e -> status.set("Cannot read the runs: " + e.getMessage()));
    }

    static List<RunRow> load(List<RunRecord> records) {
        return RunSummary.newestFirst(records).stream().map(RunRow::of).toList();
    }

    /** Ingestion, then processing (the Trusted layer and the book), in the background; the table follows along. */
    public void runAll() {
        if (running.get()) {
            return;
        }
        running.set(true);
        status.set("Running ingestion, then processing...");
        RunListener progress = new RunListener() {
            @Override
            public void recordChanged(RunRecord record) {
                refresh();
            }
        };
        tasks.run(() -> {
            IngestionFlow.Result ingestion = Flows.ingestion(lake, IngestionFlow.Options.all(), progress);
            if (!ingestion.succeeded()) {
                return "Ingestion failed (run " + ingestion.runId() + "): processing not run.";
            }
            ProcessingFlow.Result processing = Flows.processing(lake, ProcessingFlow.Options.all(), null, progress);
            return "Processing " + (processing.succeeded() ? "succeeded" : "failed") + " (run " + processing.runId()
                    + ").";
        }, message -> {
            running.set(false);
            status.set(message);
            refresh();
        }, e -> {
            running.set(false);
            status.set(e.getMessage());
            refresh();
        });
    }
}
