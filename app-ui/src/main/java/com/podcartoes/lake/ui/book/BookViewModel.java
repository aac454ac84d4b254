package com.podcartoes.lake.ui.book;

import com.podcartoes.lake.book.BookVariables;
import com.podcartoes.lake.book.Variable;
import com.podcartoes.lake.layout.SnapshotSummary;
import com.podcartoes.lake.refined.BookReader;
import com.podcartoes.lake.refined.StageBookPairing;
import com.podcartoes.lake.refined.BookRecord;
import com.podcartoes.lake.ui.tasks.BackgroundTask;
import com.podcartoes.lake.ui.tasks.TaskExecutor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The book preview: the months that have a book, and one client's 462 variables for a month, each with its
 * dictionary name and definition (from the same definitions the job computes with).
 */
public final class BookViewModel {
    /** One variable of the previewed row. */
    public record VariableRow(String name, String descriptiveName, String type, String value, String definition) {
    }

    /**
     * A version of the book to read: the latest, or one commit (its snapshot, when, which run, which months, and
     * the Trusted snapshots it was computed from).
     */
    public record Version(Long snapshotId, String label) {
        public static final Version LATEST = new Version(null, "latest");

        @Override
        public String toString() {
            return label;
        }
    }

    private final BookReader reader;
    private final ObservableList<Version> versions = FXCollections.observableArrayList(Version.LATEST);
    private final ObservableList<Version> versionsView = FXCollections.unmodifiableObservableList(versions);
    private final javafx.beans.property.ObjectProperty<Version> version =
            new javafx.beans.property.SimpleObjectProperty<>(Version.LATEST);
    private final TaskExecutor tasks;
    private final ObservableList<String> months = FXCollections.observableArrayList();
    private final ObservableList<String> monthsView =
            FXCollections.unmodifiableObservableList(months);
    private final ObservableList<VariableRow> variables = FXCollections.observableArrayList();
    private final javafx.collections.transformation.FilteredList<VariableRow> shown =
            new javafx.collections.transformation.FilteredList<>(variables);
    private final ObservableList<VariableRow> shownView =
            FXCollections.unmodifiableObservableList(shown);
    private final javafx.beans.property.BooleanProperty onlyWithValue =
            new javafx.beans.property.SimpleBooleanProperty(false);
    private final StringProperty month = new SimpleStringProperty();
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty client = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pairing = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyBooleanWrapper pairingBroken =
            new javafx.beans.property.ReadOnlyBooleanWrapper(false);

    public BookViewModel(BookReader reader, TaskExecutor tasks) {
        this.reader = reader;
        this.tasks = tasks;
        variables.setAll(rows(null));
        onlyWithValue.addListener((o, was, only) -> filter());
        search.addListener((o, was, now) -> filter());
    }

    public ObservableList<String> months() {
        return monthsView;
    }

    /** The versions of the book the preview can read: the latest, then each commit, newest first. */
    public ObservableList<Version> versions() {
        return versionsView;
    }

    /** The version to read (the user's choice; the latest by default). */
    public javafx.beans.property.ObjectProperty<Version> versionProperty() {
        return version;
    }

    /** The variables shown: all 462, or only those with a value for the previewed client. */
    public ObservableList<VariableRow> variables() {
        return shownView;
    }

    /** Whether to show only the variables with a value (the user's choice). */
    public javafx.beans.property.BooleanProperty onlyWithValueProperty() {
        return onlyWithValue;
    }

    /** Text a variable's name, descriptive name or definition must contain (the user's search). */
    public StringProperty searchProperty() {
        return search;
    }

    private void filter() {
        String text = search.get() == null ? "" : search.get().trim().toLowerCase(java.util.Locale.ROOT);
        boolean only = onlyWithValue.get();
        shown.setPredicate(r -> (!only || !r.value().isEmpty()) && (text.isEmpty()
                || (r.name() + " " + r.descriptiveName() + " " + r.definition()).toLowerCase(java.util.Locale.ROOT)
                .contains(text)));
    }

    /** The chosen reference month (yyyyMM): the user's input. */
    public StringProperty monthProperty() {
        return month;
    }

    /** The client id to preview: the user's input. */
    public StringProperty clientProperty() {
        return client;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Whether the stage and the book are one run's (a sentence; empty until read). */
    public ReadOnlyStringProperty pairingProperty() {
        return pairing.getReadOnlyProperty();
    }

    /** Whether a run died between its stage and book commits, so the two are different runs' (a warning). */
    public javafx.beans.property.ReadOnlyBooleanProperty pairingBrokenProperty() {
        return pairingBroken.getReadOnlyProperty();
    }

    public void refreshMonths() {
        tasks.submit(BackgroundTask.of("Checking the stage and book", reader::pairing).latestWins(pairing)
                .onSuccess(found -> {
                    pairing.set(found.state() == StageBookPairing.State.EMPTY ? "" : found.sentence());
                    pairingBroken.set(found.state() == StageBookPairing.State.BOOK_NOT_COMMITTED);
                }).onFailure(e -> pairing.set("")));
        tasks.submit(BackgroundTask.of("Listing book versions", this::readVersions).latestWins(versions)
                .onSuccess(found -> {
                    Version chosen = version.get();
                    versions.setAll(found);
                    version.set(found.contains(chosen) ? chosen : Version.LATEST);
                }).onFailure(e -> versions.setAll(Version.LATEST)));
        tasks.submit(BackgroundTask.of("Listing book months", reader::months).latestWins(months).onSuccess(found -> {
            if (!found.equals(months)) {
                months.setAll(found);
            }
            if (month.get() == null && !found.isEmpty()) {
                month.set(found.get(found.size() - 1));
            }
            if (!status.get().startsWith("Client")) {
                status.set(found.isEmpty() ? "No book yet: run the pipeline." : found.size() + " months with a book");
            }
        }).onFailure(e -> status.set("Cannot list the book: " + e.getMessage())));
    }

    /** Reads the chosen client's row of the chosen month. */
    public void preview() {
        String ref = month.get();
        long id;
        try {
            id = Long.parseLong(client.get().trim());
        } catch (NumberFormatException e) {
            status.set("The client id is a number, got '" + client.get() + "'.");
            return;
        }
        if (ref == null) {
            status.set("Choose a month first.");
            return;
        }
        status.set("Reading client " + id + " of " + ref + "...");
        Version chosen = version.get() == null ? Version.LATEST : version.get(); // read here, on the UI thread
        tasks.submit(BackgroundTask.<List<BookRecord>>of("Reading client " + id, () -> {
            List<BookRecord> found = new ArrayList<>();
            reader.read(ref, id, new BookReader.AsOf(chosen.snapshotId(), null), found::add);
            return found;
        }).latestWins(variables).onSuccess(found -> {
            if (found.isEmpty()) {
                variables.setAll(rows(null));
                status.set("Client " + id + " has no book row for " + ref + ".");
            } else {
                variables.setAll(rows(found.get(0)));
                long present = found.get(0).values().stream().filter(v -> v != null).count();
                status.set("Client " + id + ", " + ref + ": " + present + " of 462 variables have a value.");
            }
        }).onFailure(e -> status.set(e.getMessage())));
    }

    private List<Version> readVersions() {
        List<Version> found = new ArrayList<>(List.of(Version.LATEST));
        if (reader.months().isEmpty()) {
            return found;
        }
        List<org.apache.iceberg.Snapshot> snapshots = new ArrayList<>(reader.snapshots());
        java.util.Collections.reverse(snapshots);
        java.time.format.DateTimeFormatter when = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC);
        for (org.apache.iceberg.Snapshot snapshot : snapshots) {
            var summary = snapshot.summary();
            found.add(new Version(snapshot.snapshotId(), when.format(java.time.Instant.ofEpochMilli(
                    snapshot.timestampMillis())) + " UTC · " + summary.getOrDefault(SnapshotSummary.REFS, "?") + " · run "
                    + summary.getOrDefault(SnapshotSummary.RUN_ID, "?") + " · snapshot " + snapshot.snapshotId()));
        }
        return found;
    }

    private static List<VariableRow> rows(BookRecord record) {
        List<VariableRow> rows = new ArrayList<>();
        List<Variable> all = BookVariables.ALL;
        for (int i = 0; i < all.size(); i++) {
            Variable v = all.get(i);
            Object value = record == null ? null : record.values().get(i);
            String text = value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
            rows.add(new VariableRow(v.name(), v.descriptiveName(), v.type().sql(), text, v.definition()));
        }
        return rows;
    }
}
