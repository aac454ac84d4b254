package com.podcartoes.lake.ui.clusters;

import com.podcartoes.lake.compute.ClusterInfo;
import com.podcartoes.lake.compute.LogStream;
import com.podcartoes.lake.compute.SparkRunner;
import com.podcartoes.lake.compute.StepInfo;
import com.podcartoes.lake.ui.dialogs.DialogService;
import com.podcartoes.lake.ui.tasks.BackgroundTask;
import com.podcartoes.lake.ui.tasks.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The backend's clusters, the chosen cluster's steps and the chosen step's log: the same calls for local child JVMs
 * and for EMR ({@link SparkRunner}).
 */
public final class ClustersViewModel {
    private final SparkRunner runner;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final ObservableList<ClusterInfo> clusters = FXCollections.observableArrayList();
    private final ObservableList<ClusterInfo> clustersView =
            FXCollections.unmodifiableObservableList(clusters);
    private final ObservableList<StepInfo> steps = FXCollections.observableArrayList();
    private final ObservableList<StepInfo> stepsView =
            FXCollections.unmodifiableObservableList(steps);
    private final ObjectProperty<ClusterInfo> cluster = new SimpleObjectProperty<>();
    private final ObjectProperty<StepInfo> step = new SimpleObjectProperty<>();
    private final ObjectProperty<LogStream> stream = new SimpleObjectProperty<>(LogStream.STDERR);
    private final ReadOnlyStringWrapper log = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public ClustersViewModel(SparkRunner runner, TaskExecutor tasks, DialogService dialogs) {
        this.runner = runner;
        this.tasks = tasks;
        this.dialogs = dialogs;
        cluster.addListener((o, was, now) -> loadSteps());
        step.addListener((o, was, now) -> loadLog());
        stream.addListener((o, was, now) -> loadLog());
    }

    public ObservableList<ClusterInfo> clusters() {
        return clustersView;
    }

    public ObservableList<StepInfo> steps() {
        return stepsView;
    }

    /** The chosen cluster (the user's selection). */
    public ObjectProperty<ClusterInfo> clusterProperty() {
        return cluster;
    }

    /** The chosen step (the user's selection). */
    public ObjectProperty<StepInfo> stepProperty() {
        return step;
    }

    /** Which log of the step to show. */
    public ObjectProperty<LogStream> streamProperty() {
        return stream;
    }

    public ReadOnlyStringProperty logProperty() {
        return log.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public void refresh() {
        tasks.submit(BackgroundTask.of("Listing clusters", runner::clusters).latestWins(clusters).onSuccess(found -> {
            ClusterInfo chosen = cluster.get();
            if (!found.equals(clusters)) {
                clusters.setAll(found);
            }
            status.set(found.size() + " " + runner.backend() + " clusters");
            if (chosen != null) {
                loadSteps(); // the chosen cluster's steps may have moved on too
            }
        }).onFailure(e -> status.set("Cannot list the clusters: " + e.getMessage())));
    }

    /** Cancels the chosen step (the local child JVM is killed; EMR gets CancelSteps). */
    public void cancelStep() {
        StepInfo chosen = step.get();
        if (chosen == null || chosen.state().isFinal()) {
            status.set("Choose a running step to cancel.");
            return;
        }
        if (!dialogs.confirm("Cancel step " + chosen.id() + "?", chosen.name() + " on " + chosen.clusterId()
                + " is stopped (the local child JVM is killed; EMR gets CancelSteps) and its stage recorded"
                + " CANCELLED, never retried.", "Cancel step")) {
            return;
        }
        tasks.submit(BackgroundTask.of("Cancelling " + chosen.id(), () -> {
            runner.cancelStep(chosen.clusterId(), chosen.id());
            return chosen.id();
        }).onSuccess(id -> {
            status.set("Cancelling " + id + ".");
            loadSteps();
        }).onFailure(e -> dialogs.showError("Cannot cancel " + chosen.id(), e)));
    }

    private void loadSteps() {
        ClusterInfo chosen = cluster.get();
        if (chosen == null) {
            steps.clear();
            return;
        }
        tasks.submit(BackgroundTask.of("Listing steps", () -> runner.steps(chosen.id())).latestWins(steps)
                .onSuccess(found -> {
                    if (!found.equals(steps)) {
                        steps.setAll(found);
                    }
                }).onFailure(e -> status.set("Cannot list the steps of " + chosen.id() + ": " + e.getMessage())));
    }

    private void loadLog() {
        StepInfo chosen = step.get();
        if (chosen == null) {
            log.set("");
            return;
        }
        LogStream which = stream.get();
        tasks.submit(BackgroundTask.of("Reading a log", () -> runner.log(chosen.clusterId(), chosen.id(), which))
                .latestWins(log).onSuccess(text -> log.set(text.orElse(noLog(which))))
                .onFailure(e -> log.set("Cannot read the log: " + e.getMessage())));
    }

    private String noLog(LogStream which) {
        String what = which == LogStream.CONTAINERS ? "YARN container logs" : which.fileName();
        if (runner.backend().equals("emr")) {
            return "No " + what + " yet: EMR copies logs about five minutes after a step ends.";
        }
        return which == LogStream.CONTAINERS ? "No YARN containers: the local backend runs each job in one JVM (see"
                + " stdout and stderr)." : "No " + what + " for this step.";
    }
}
