package com.podcartoes.lake.ui.browser;

import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Entry;
import com.podcartoes.lake.ui.tasks.BackgroundTask;
import com.podcartoes.lake.ui.tasks.TaskExecutor;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Browses the source and lake buckets one "folder" (prefix) at a time: the layers of the lake (raw, trusted,
 * refined, logs, control files), with sizes and dates.
 */
public final class LakeBrowserViewModel {
    private final List<S3Bucket> buckets;
    private final TaskExecutor tasks;
    private final ObjectProperty<S3Bucket> bucket = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper prefix = new ReadOnlyStringWrapper("");
    private final ObservableList<S3Entry> all = FXCollections.observableArrayList();
    private final javafx.collections.transformation.FilteredList<S3Entry> entries =
            new javafx.collections.transformation.FilteredList<>(all);
    private final ObservableList<S3Entry> entriesView =
            FXCollections.unmodifiableObservableList(entries);
    private final javafx.beans.property.StringProperty filter = new javafx.beans.property.SimpleStringProperty("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public LakeBrowserViewModel(List<S3Bucket> buckets, TaskExecutor tasks) {
        this.buckets = List.copyOf(buckets);
        this.tasks = tasks;
        filter.addListener((o, was, now) -> entries.setPredicate(now == null || now.isBlank() ? null
                : e -> e.key().substring(prefix.get().length()).toLowerCase(java.util.Locale.ROOT)
                .contains(now.trim().toLowerCase(java.util.Locale.ROOT))));
        bucket.addListener((o, was, now) -> {
            prefix.set("");
            refresh();
        });
    }

    public List<S3Bucket> buckets() {
        return buckets;
    }

    /** The bucket being browsed (the user's choice). */
    public ObjectProperty<S3Bucket> bucketProperty() {
        return bucket;
    }

    public ReadOnlyStringProperty prefixProperty() {
        return prefix.getReadOnlyProperty();
    }

    public ObservableList<S3Entry> entries() {
        return entriesView;
    }

    /** Text the names in this folder must contain (the user's search). */
    public javafx.beans.property.StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Opens a folder (a prefix); objects are not opened. */
    public void open(S3Entry entry) {
        if (entry != null && entry.isPrefix()) {
            prefix.set(entry.key());
            refresh();
        }
    }

    /** The parent folder. */
    public void up() {
        String current = prefix.get();
        if (current.isEmpty()) {
            return;
        }
        String trimmed = current.substring(0, current.length() - 1);
        int slash = trimmed.lastIndexOf('/');
        prefix.set(slash < 0 ? "" : trimmed.substring(0, slash + 1));
        refresh();
    }

    public void refresh() {
        S3Bucket chosen = bucket.get();
        if (chosen == null) {
            return;
        }
        String at = prefix.get();
        tasks.submit(BackgroundTask.of("Listing " + chosen.uri(at), () -> chosen.list(at, false))
                .latestWins(this).onSuccess(found -> {
                    if (!found.equals(all)) {
                        all.setAll(found);
                    }
                    long objects = found.stream().filter(e -> !e.isPrefix()).count();
                    status.set(chosen.uri(at) + ": " + (found.size() - objects) + " folders, " + objects
                            + " objects");
                }).onFailure(e -> status.set("Cannot list " + chosen.uri(at) + ": " + e.getMessage())));
    }
}
