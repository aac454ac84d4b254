package com.podcartoes.lake.ui.tables;

import com.podcartoes.lake.tables.TableHistory;
import com.podcartoes.lake.ui.Formats;
import com.podcartoes.lake.ui.Icons;
import com.podcartoes.lake.ui.Tables;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;

/** The lake's tables, each with its current commit, and the chosen table's commits. */
public final class TablesView extends BorderPane {
    public TablesView(TablesViewModel model) {
        Button refresh = Icons.refreshButton("refresh-tables", "the tables", model::refresh);
        setTop(new ToolBar(refresh, new Label("Apache Iceberg tables: each job's commit is a snapshot; readers see"
                + " one snapshot or the next, never a mix")));

        TableView<TableHistory> tables = new TableView<>(model.tables());
        tables.setId("tables-table");
        tables.getColumns().add(Tables.column("Table", t -> t.table().tableName(), 200));
        tables.getColumns().add(Tables.column("Snapshots", t -> Integer.toString(t.commits().size()), 100));
        tables.getColumns().add(Tables.column("Last commit", t -> t.current().map(c -> Formats.time(c.committedAt()))
                .orElse("-"), 170));
        tables.getColumns().add(Tables.column("By run", t -> t.current().map(TableHistory.Commit::runId).orElse("-"),
                230));
        tables.getColumns().add(Tables.column("Records", t -> t.current().map(c -> String.format("%,d",
                c.totalRecords())).orElse("0"), 110));
        tables.getColumns().add(Tables.column("Files", t -> t.current().map(c -> String.format("%,d",
                c.totalFiles())).orElse("0"), 70));
        tables.getColumns().add(Tables.column("Location", TableHistory::location, 420));
        tables.setPlaceholder(new Label("No tables yet: the jobs create them on their first run."));
        tables.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.tableProperty().set(now);
            }
        });
        // A table chosen by the model (a command, the screenshot tour) is the one selected.
        model.tableProperty().addListener((o, was, now) -> {
            if (now != null && tables.getSelectionModel().getSelectedItem() != now) {
                tables.getSelectionModel().select(now);
            }
        });
        // The lake moved on (a run committed): keep the same table chosen, with its new commits.
        model.tables().addListener((ListChangeListener<TableHistory>) change -> {
            TableHistory chosen = model.tableProperty().get();
            if (chosen != null) {
                model.tables().stream().filter(t -> t.table() == chosen.table()).findFirst()
                        .ifPresent(t -> tables.getSelectionModel().select(t));
            }
        });

        TableView<TableHistory.Commit> commits = new TableView<>(model.commits());
        commits.setId("commits-table");
        commits.getColumns().add(Tables.column("Snapshot", c -> Long.toString(c.snapshotId())
                + (c.current() ? "  (current)" : ""), 270));
        commits.getColumns().add(Tables.column("Committed", c -> Formats.time(c.committedAt()), 170));
        commits.getColumns().add(Tables.column("Operation", TableHistory.Commit::operation, 100));
        commits.getColumns().add(Tables.column("Run", TableHistory.Commit::runId, 230));
        commits.getColumns().add(Tables.column("Records", TablesViewModel::counts, 330));
        commits.getColumns().add(Tables.column("Replaced (months or raw files)", TableHistory.Commit::replaced, 520));
        commits.setPlaceholder(new Label("Choose a table to see its commits."));

        SplitPane split = new SplitPane(tables, commits);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.4);
        setCenter(split);
        setBottom(Tables.statusLine("tables-status", model.statusProperty()));
    }
}
