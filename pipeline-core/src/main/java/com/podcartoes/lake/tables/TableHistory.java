package com.podcartoes.lake.tables;

import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.layout.SnapshotSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * One lake table's commits, newest first, read from its Iceberg metadata (no Spark): what the console's Tables
 * screen lists. A commit names its run and what it replaced (the months of a stage or book commit, the raw files of
 * a Trusted one), from the summary the jobs write ({@link SnapshotSummary}), and Iceberg's own counts.
 */
public record TableHistory(LakeTable table, String location, List<Commit> commits) {
    /**
     * @param replaced the months or raw files the commit replaced ("-" when it says none: an expiry, a creation)
     * @param current  whether it is the table's current snapshot
     */
    public record Commit(long snapshotId, Instant committedAt, String operation, String runId, String replaced,
                         long addedRecords, long totalRecords, long totalFiles, boolean current) {
    }

    public TableHistory {
        commits = List.copyOf(commits);
    }

    /** The current commit, if the table has one. */
    public Optional<Commit> current() {
        return commits.stream().filter(Commit::current).findFirst();
    }

    /** The history of every lake table the catalog has, in {@link LakeTable} order. */
    public static List<TableHistory> of(LakeTablesReader tables) {
        List<TableHistory> found = new ArrayList<>();
        for (LakeTable table : LakeTable.values()) {
            tables.table(table).ifPresent(t -> found.add(of(table, t)));
        }
        return found;
    }

    static TableHistory of(LakeTable which, Table table) {
        long current = table.currentSnapshot() == null ? -1 : table.currentSnapshot().snapshotId();
        List<Commit> commits = new ArrayList<>();
        for (Snapshot snapshot : table.snapshots()) {
            Map<String, String> summary = snapshot.summary();
            String replaced = summary.getOrDefault(SnapshotSummary.REFS, summary.getOrDefault(SnapshotSummary.FILES,
                    "-"));
            commits.add(new Commit(snapshot.snapshotId(), Instant.ofEpochMilli(snapshot.timestampMillis()),
                    snapshot.operation(), summary.getOrDefault(SnapshotSummary.RUN_ID, "-"), replaced,
                    count(summary, "added-records"), count(summary, "total-records"),
                    count(summary, "total-data-files"), snapshot.snapshotId() == current));
        }
        commits.sort(Comparator.comparing(Commit::committedAt).reversed());
        return new TableHistory(which, table.location(), commits);
    }

    private static long count(Map<String, String> summary, String key) {
        String value = summary.get(key);
        return value == null ? 0 : Long.parseLong(value);
    }
}
