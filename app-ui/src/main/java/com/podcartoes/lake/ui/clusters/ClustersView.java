package com.podcartoes.lake.ui.clusters;

import com.podcartoes.lake.compute.ClusterInfo;
import com.podcartoes.lake.compute.LogStream;
import com.podcartoes.lake.compute.StepInfo;
import java.time.Instant;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;

/** Clusters, their steps, and a step's log. */
public final class ClustersView extends BorderPane {
    public ClustersView(ClustersViewModel model) {
        Button refresh = new Button("Refresh");
        refresh.setId("refresh-clusters");
        refresh.setOnAction(e -> model.refresh());
        Button cancel = new Button("Cancel step");
        cancel.setId("cancel-step");
        cancel.setOnAction(e -> model.cancelStep());
        ChoiceBox<LogStream> stream = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(
                LogStream.values()));
        stream.valueProperty().bindBidirectional(model.streamProperty());
        setTop(new ToolBar(refresh, cancel, new Label("Log"), stream));

        TableView<ClusterInfo> clusters = new TableView<>(model.clusters());
        clusters.setId("clusters-table");
        clusters.getColumns().add(column("Cluster", ClusterInfo::id, 240));
        clusters.getColumns().add(column("State", c -> c.state().name(), 110));
        clusters.getColumns().add(column("Created", c -> text(c.createdAt()), 180));
        clusters.getColumns().add(column("Ended", c -> text(c.endedAt()), 180));
        clusters.getColumns().add(column("Cost USD", c -> String.format("%.2f", c.estimatedCostUsd()), 80));
        clusters.getColumns().add(column("Name", ClusterInfo::name, 300));
        model.clusterProperty().bind(clusters.getSelectionModel().selectedItemProperty());

        TableView<StepInfo> steps = new TableView<>(model.steps());
        steps.setId("steps-table");
        steps.getColumns().add(column("Step", StepInfo::id, 150));
        steps.getColumns().add(column("Name", StepInfo::name, 90));
        steps.getColumns().add(column("State", s -> s.state().name(), 110));
        steps.getColumns().add(column("Started", s -> text(s.startedAt()), 180));
        steps.getColumns().add(column("Ended", s -> text(s.endedAt()), 180));
        steps.getColumns().add(column("Failure", s -> s.failureReason() == null ? "" : s.failureReason(), 400));
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
        Label status = new Label();
        status.setId("clusters-status");
        status.textProperty().bind(model.statusProperty());
        setBottom(status);
    }

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

    private static String text(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    private static <R> TableColumn<R, String> column(String title, Function<R, String> value, double width) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())).getReadOnlyProperty());
        column.setPrefWidth(width);
        return column;
    }
}
