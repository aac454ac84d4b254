package com.podcartoes.lake.ui.runs;

import com.podcartoes.lake.ui.Tables;
import java.time.Duration;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;

/** The runs table with its commands; everything it shows comes from {@link RunsViewModel}. */
public final class RunsView extends BorderPane {

    public RunsView(RunsViewModel model) {
        Button refresh = new Button("Refresh");
        refresh.setId("refresh-runs");
        refresh.setOnAction(e -> model.refresh());
        Button runAll = new Button("Run pipeline");
        runAll.setId("run-all");
        runAll.disableProperty().bind(model.runningProperty());
        runAll.setOnAction(e -> model.runAll());
        setTop(new ToolBar(runAll, refresh));

        TableView<RunRow> table = new TableView<>(model.rows());
        table.setId("runs-table");
        table.getColumns().add(Tables.column("Run", RunRow::runId, 225));
        table.getColumns().add(Tables.column("Flow", RunRow::flow, 90));
        table.getColumns().add(Tables.column("State", RunRow::state, 90));
        table.getColumns().add(Tables.column("Started", r -> Tables.time(r.startedAt()), 150));
        table.getColumns().add(Tables.column("Took", r -> format(r.duration()), 95));
        table.getColumns().add(Tables.column("Stages", RunRow::stages, 560));
        table.setPlaceholder(new Label("No runs yet: press Run pipeline."));
        setCenter(table);

        Label status = new Label();
        status.setId("runs-status");
        status.textProperty().bind(model.statusProperty());
        setBottom(status);
    }

    private static String format(Duration d) {
        return d == null ? "" : d.toSeconds() < 60 ? d.toMillis() / 100 / 10.0 + " s"
                : d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }
}
