package com.podcartoes.lake.ui.tables;

import com.podcartoes.lake.tables.TableHistory;
import com.podcartoes.lake.ui.tasks.BackgroundTask;
import com.podcartoes.lake.ui.tasks.TaskExecutor;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The lake's Iceberg tables and the chosen table's commits (snapshots), newest first: what each job committed, when,
 * for which run, and what it replaced. Read from the tables' metadata without Spark ({@link TableHistory}).
 */
public final class TablesViewModel {
    private final Supplier<List<TableHistory>> read;
    private final TaskExecutor tasks;
    private final ObservableList<TableHistory> tables = FXCollections.observableArrayList();
    private final ObservableList<TableHistory> tablesView = FXCollections.unmodifiableObservableList(tables);
    private final ObservableList<TableHistory.Commit> commits = FXCollections.observableArrayList();
    private final ObservableList<TableHistory.Commit> commitsView = FXCollections.unmodifiableObservableList(commits);
    private final ObjectProperty<TableHistory> table = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    /** @param read the tables' histories as they stand (called on a background thread) */
    public TablesViewModel(Supplier<List<TableHistory>> read, TaskExecutor tasks) {
        this.read = read;
        this.tasks = tasks;
        table.addListener((o, was, now) -> commits.setAll(now == null ? List.of() : now.commits()));
    }

    public ObservableList<TableHistory> tables() {
        return tablesView;
    }

    /** The chosen table's commits, newest first. */
    public ObservableList<TableHistory.Commit> commits() {
        return commitsView;
    }

    /** The chosen table (the user's selection). */
    public ObjectProperty<TableHistory> tableProperty() {
        return table;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public void refresh() {
        tasks.submit(BackgroundTask.of("Reading the lake's tables", read::get).latestWins(tables).onSuccess(found -> {
            if (!found.equals(tables)) {
                tables.setAll(found);
            }
            long snapshots = found.stream().mapToLong(t -> t.commits().size()).sum();
            status.set(found.isEmpty() ? "No tables yet: run the pipeline (the jobs create them)."
                    : found.size() + " tables, " + snapshots + " snapshots kept (lake maintain expires the old"
                    + " ones)");
        }).onFailure(e -> status.set("Cannot read the tables: " + e.getMessage())));
    }

    /** A commit's counts, as the commits table shows them. */
    static String counts(TableHistory.Commit commit) {
        return String.format("%,d added, %,d in all, %,d files", commit.addedRecords(), commit.totalRecords(),
                commit.totalFiles());
    }
}
