package com.podcartoes.lake.ui.clusters;

import com.podcartoes.lake.compute.ClusterInfo;
import com.podcartoes.lake.compute.LogStream;
import com.podcartoes.lake.compute.StepInfo;
import com.podcartoes.lake.ui.Formats;
import com.podcartoes.lake.ui.Icons;
import com.podcartoes.lake.ui.Tables;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import org.kordamp.ikonli.material2.Material2AL;

/** Clusters, their steps, and a step's log. */
public final class ClustersView extends BorderPane {
    public ClustersView(ClustersViewModel model) {
        Button refresh = Icons.refreshButton("refresh-clusters", "the clusters", model::refresh);
        Button cancel = Icons.decorate(new Button("Cancel step"),
                Material2AL.CANCEL, "Cancel the chosen running step", null);
        cancel.setId("cancel-step");
        cancel.setOnAction(e -> model.cancelStep());
        ChoiceBox<LogStream> stream = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(
                LogStream.values()));
        stream.valueProperty().bindBidirectional(model.streamProperty());
        setTop(new ToolBar(refresh, cancel, new Label("Log"), stream));

        TableView<ClusterInfo> clusters = new TableView<>(model.clusters());
        clusters.setId("clusters-table");
        clusters.getColumns().add(Tables.column("Cluster", ClusterInfo::id, 240));
        clusters.getColumns().add(Tables.column("State", c -> c.state().name(), 110));
        clusters.getColumns().add(Tables.column("Created", c -> Formats.time(c.createdAt()), 180));
        clusters.getColumns().add(Tables.column("Ended", c -> Formats.time(c.endedAt()), 180));
        clusters.getColumns().add(Tables.column("Cost (USD)", c -> String.format("%.2f", c.estimatedCostUsd()), 95));
        clusters.getColumns().add(Tables.column("Name", ClusterInfo::name, 300));
        model.clusterProperty().bind(clusters.getSelectionModel().selectedItemProperty());

        TableView<StepInfo> steps = new TableView<>(model.steps());
        steps.setId("steps-table");
        steps.getColumns().add(Tables.column("Step", StepInfo::id, 150));
        steps.getColumns().add(Tables.column("Name", StepInfo::name, 90));
        steps.getColumns().add(Tables.column("State", s -> s.state().name(), 110));
        steps.getColumns().add(Tables.column("Started", s -> Formats.time(s.startedAt()), 180));
        steps.getColumns().add(Tables.column("Ended", s -> Formats.time(s.endedAt()), 180));
        steps.getColumns().add(Tables.column("Failure", s -> s.failureReason() == null ? "" : s.failureReason(), 400));
        model.stepProperty().bind(steps.getSelectionModel().selectedItemProperty());

        TextArea log = new TextArea();
        log.setId("step-log");
        log.setEditable(false);
        log.setStyle("-fx-font-family: monospace;");
        log.textProperty().bind(model.logProperty());

        SplitPane split = new SplitPane(clusters, steps, log);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.3, 0.55);
        setCenter(split);
        setBottom(Tables.statusLine("clusters-status", model.statusProperty()));
    }

}
