package com.podcartoes.lake.ui.clusters;

import com.podcartoes.lake.compute.ClusterInfo;
import com.podcartoes.lake.compute.LogStream;
import com.podcartoes.lake.compute.SparkRunner;
import com.podcartoes.lake.compute.StepInfo;
import com.podcartoes.lake.ui.tasks.BackgroundTasks;
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
    private final BackgroundTasks tasks;
    private final ObservableList<ClusterInfo> clusters = FXCollections.observableArrayList();
    private final ObservableList<StepInfo> steps = FXCollections.observableArrayList();
    private final ObjectProperty<ClusterInfo> cluster = new SimpleObjectProperty<>();
    private final ObjectProperty<StepInfo> step = new SimpleObjectProperty<>();
    private final ObjectProperty<LogStream> stream = new SimpleObjectProperty<>(LogStream.STDERR);
    private final ReadOnlyStringWrapper log = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public ClustersViewModel(SparkRunner runner, BackgroundTasks tasks) {
        this.runner = runner;
        this.tasks = tasks;
        cluster.addListener((o, was, now) -> loadSteps());
        step.addListener((o, was, now) -> loadLog());
        stream.addListener((o, was, now) -> loadLog());
    }

    public ObservableList<ClusterInfo> clusters() {
        return FXCollections.unmodifiableObservableList(clusters);
    }

    public ObservableList<StepInfo> steps() {
        return FXCollections.unmodifiableObservableList(steps);
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
        tasks.run(runner::clusters, found -> {
            clusters.setAll(found);
            status.set(found.size() + " " + runner.backend() + " clusters");
        }, e -> status.set("Cannot list the clusters: " + e.getMessage()));
    }

    /** Cancels the chosen step (the local child JVM is killed; EMR gets CancelSteps). */
    public void cancelStep() {
        StepInfo chosen = step.get();
        if (chosen == null || chosen.state().isFinal()) {
            status.set("Choose a running step to cancel.");
            return;
        }
        tasks.run(() -> {
            runner.cancelStep(chosen.clusterId(), chosen.id());
            return chosen.id();
        }, id -> {
            status.set("Cancelling " + id + ".");
            loadSteps();
        }, e -> status.set("Cannot cancel " + chosen.id() + ": " + e.getMessage()));
    }

    private void loadSteps() {
        ClusterInfo chosen = cluster.get();
        if (chosen == null) {
            steps.clear();
            return;
        }
        tasks.run(() -> runner.steps(chosen.id()), steps::setAll,
                e -> status.set("Cannot list the steps of " + chosen.id() + ": " + e.getMessage()));
    }

    private void loadLog() {
        StepInfo chosen = step.get();
        if (chosen == null) {
            log.set("");
            return;
        }
        LogStream which = stream.get();
        tasks.run(() -> runner.log(chosen.clusterId(), chosen.id(), which), text -> log.set(text.orElse(
                runner.backend().equals("emr")
                        ? "No " + which.fileName() + " yet: EMR copies step logs about five minutes after a step ends."
                        : "No " + which.fileName() + " for this step.")),
                e -> log.set("Cannot read the log: " + e.getMessage()));
    }
}
