package com.podcartoes.lake.maintain;

import com.podcartoes.lake.flow.FlowBusyException;
import com.podcartoes.lake.flow.FlowLock;
import com.podcartoes.lake.flow.ProcessingFlow;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.layout.TableAttempts;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunRecordStore;
import com.podcartoes.lake.run.RunState;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Entry;
import com.podcartoes.lake.tables.LakeTablesReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Prunes what the lake accumulates by retention, as a small action: set the options, call {@link #execute()}, get a
 * typed {@link Result}. Raw, the tables, rejects and the ledger are state and never touched.
 * <ul>
 *   <li>{@link Kind#RUNS}: a run's records, its metrics and its progress reports, once every record of it has ended
 *       before the retention and it is not among the latest runs kept per flow;</li>
 *   <li>{@link Kind#PROGRESS}: the progress reports of runs that ended (they only mean something while a job runs);</li>
 *   <li>{@link Kind#LOGS}: a cluster's logs under {@code 0004_logs/} when its newest object is older than the
 *       retention and no kept run used the cluster;</li>
 *   <li>{@link Kind#LEFTOVERS}: {@code _staging_<run>} and {@code _trash_<run>} directories a crashed job of the
 *       plain-Parquet version left in the tables;</li>
 *   <li>{@link Kind#SNAPSHOTS}: each Iceberg table's snapshots older than the retention (never the current one), with
 *       the files only they referenced: time travel reaches back as far as the retention;</li>
 *   <li>{@link Kind#ORPHANS}: attempt directories under a table's {@code data/} that no snapshot references (what a
 *       crashed or failed job wrote before its commit).</li>
 * </ul>
 * The last three run under the processing flow's lock, so that no job writes or commits meanwhile.
 */
public final class LakeMaintenance {
    /** What a pruned group of objects was. */
    public enum Kind { RUNS, PROGRESS, LOGS, LEFTOVERS, SNAPSHOTS, ORPHANS }

    /** One group pruned (or, in a dry run, that would be): a run, a cluster's logs, a staging directory. */
    public record Pruned(Kind kind, String what, int objects, long bytes) {
    }

    /** @param notes what was left alone and why, one sentence each */
    public record Result(boolean dryRun, List<Pruned> pruned, List<String> notes) {
        public long objects() {
            return pruned.stream().mapToLong(Pruned::objects).sum();
        }

        public long bytes() {
            return pruned.stream().mapToLong(Pruned::bytes).sum();
        }
    }

    private static final String METRICS = LakeLayout.CONTROL + "metrics/";
    private static final String PROGRESS = LakeLayout.CONTROL + "progress/";

    private final S3Bucket lake;
    private final Clock clock;
    private Duration retention = Duration.ofDays(90);
    private int keepRuns = 20;
    private boolean dryRun;
    private LakeTablesReader tables; // null: the tables are left alone

    public LakeMaintenance(S3Bucket lake, Clock clock) {
        this.lake = lake;
        this.clock = clock;
    }

    public LakeMaintenance retention(Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException("the retention cannot be negative, got " + value);
        }
        this.retention = value;
        return this;
    }

    public LakeMaintenance keepRuns(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("the number of runs to keep cannot be negative, got " + value);
        }
        this.keepRuns = value;
        return this;
    }

    /** Also expire the Iceberg tables' old snapshots and remove their orphan attempts. */
    public LakeMaintenance tables(LakeTablesReader value) {
        this.tables = value;
        return this;
    }

    /** Report what would be pruned, delete nothing. */
    public LakeMaintenance dryRun(boolean value) {
        this.dryRun = value;
        return this;
    }

    public Result execute() {
        Instant cutoff = clock.instant().minus(retention);
        List<Pruned> pruned = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        RunRecordStore store = new RunRecordStore(lake);
        Map<String, List<RunRecord>> runs = new LinkedHashMap<>();
        for (RunRecord record : store.all()) {
            runs.computeIfAbsent(record.runId(), r -> new ArrayList<>()).add(record);
        }
        store.unreadable().forEach(key -> notes.add(key + " is unreadable: left alone, remove it by hand if it is"
                + " of no use"));

        Set<String> kept = keptRuns(runs, cutoff);
        Map<String, List<S3Entry>> metricsByRun = metricsByRun();
        Map<String, List<S3Entry>> progressByRun = byFirstFolder(PROGRESS);
        for (Map.Entry<String, List<RunRecord>> run : runs.entrySet()) {
            String runId = run.getKey();
            if (kept.contains(runId)) {
                if (!running(run.getValue()) && progressByRun.containsKey(runId)) {
                    pruned.add(delete(Kind.PROGRESS, runId, progressByRun.get(runId)));
                }
                continue;
            }
            List<S3Entry> objects = new ArrayList<>(lake.list(RunRecordStore.PREFIX + runId + "/", true));
            objects.addAll(metricsByRun.getOrDefault(runId, List.of()));
            objects.addAll(progressByRun.getOrDefault(runId, List.of()));
            pruned.add(delete(Kind.RUNS, runId, objects));
        }

        Set<String> keptClusters = new HashSet<>();
        runs.forEach((runId, records) -> {
            if (kept.contains(runId)) {
                records.stream().map(RunRecord::clusterId).filter(c -> c != null).forEach(keptClusters::add);
            }
        });
        byFirstFolder(LakeLayout.LOGS).forEach((cluster, objects) -> {
            Instant newest = objects.stream().map(S3Entry::lastModified).max(Comparator.naturalOrder())
                    .orElse(Instant.MIN);
            if (!keptClusters.contains(cluster) && newest.isBefore(cutoff)) {
                pruned.add(delete(Kind.LOGS, LakeLayout.LOGS + cluster + "/", objects));
            }
        });

        underProcessingLock(notes, () -> {
            removeLeftovers(pruned);
            if (tables != null) {
                for (LakeTable table : LakeTable.values()) {
                    tables.table(table).ifPresent(t -> {
                        expireSnapshots(table, t, cutoff, pruned);
                        removeOrphans(table, t, pruned);
                    });
                }
            }
        });
        return new Result(dryRun, List.copyOf(pruned), List.copyOf(notes));
    }

    /** The runs kept: the latest {@code keepRuns} of each flow, any still running, any that ended after the cutoff. */
    private Set<String> keptRuns(Map<String, List<RunRecord>> runs, Instant cutoff) {
        Set<String> kept = new HashSet<>();
        Map<String, List<String>> perFlow = new HashMap<>();
        runs.forEach((runId, records) -> {
            perFlow.computeIfAbsent(records.get(0).flow(), f -> new ArrayList<>()).add(runId); // oldest first
            Instant ended = records.stream().map(r -> r.endedAt() != null ? r.endedAt() : r.startedAt())
                    .max(Comparator.naturalOrder()).orElseThrow();
            if (running(records) || !ended.isBefore(cutoff)) {
                kept.add(runId);
            }
        });
        perFlow.values().forEach(ids -> kept.addAll(ids.subList(Math.max(0, ids.size() - keepRuns), ids.size())));
        return kept;
    }

    private static boolean running(List<RunRecord> records) {
        return records.stream().anyMatch(r -> r.state() == RunState.RUNNING);
    }

    /** {@code metrics/trusted/<table>/<run>.json} and {@code metrics/book/<run>.json}, by run id. */
    private Map<String, List<S3Entry>> metricsByRun() {
        Map<String, List<S3Entry>> byRun = new HashMap<>();
        for (S3Entry entry : lake.list(METRICS, true)) {
            String name = entry.key().substring(entry.key().lastIndexOf('/') + 1);
            if (name.endsWith(".json")) {
                byRun.computeIfAbsent(name.substring(0, name.length() - 5), r -> new ArrayList<>()).add(entry);
            }
        }
        return byRun;
    }

    /** The objects under a prefix, grouped by the first folder below it (a run id, a cluster id). */
    private Map<String, List<S3Entry>> byFirstFolder(String prefix) {
        Map<String, List<S3Entry>> groups = new TreeMap<>();
        for (S3Entry entry : lake.list(prefix, true)) {
            String rest = entry.key().substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                groups.computeIfAbsent(rest.substring(0, slash), g -> new ArrayList<>()).add(entry);
            }
        }
        return groups;
    }

    /** Runs {@code work} holding the processing flow's lock: no Trusted or book job writes or commits meanwhile. */
    private void underProcessingLock(List<String> notes, Runnable work) {
        String runId = "maintain-" + clock.millis();
        try (FlowLock lock = FlowLock.acquire(lake, ProcessingFlow.NAME, runId, Duration.ofMinutes(2), clock)) {
            work.run();
        } catch (FlowBusyException e) {
            notes.add("the tables are left for now, the processing flow is running: " + e.getMessage());
        }
    }

    private void removeLeftovers(List<Pruned> pruned) {
        List<String> prefixes = new ArrayList<>();
        for (LakeTable table : LakeTable.values()) {
            prefixes.add(table.prefix());
        }
        for (String table : prefixes) {
            byFirstFolder(table).forEach((folder, objects) -> {
                if (folder.startsWith("_staging_") || folder.startsWith("_trash_")) {
                    pruned.add(delete(Kind.LEFTOVERS, table + folder + "/", objects));
                }
            });
        }
    }

    private void expireSnapshots(LakeTable which, Table table, Instant cutoff, List<Pruned> pruned) {
        long current = table.currentSnapshot() == null ? -1 : table.currentSnapshot().snapshotId();
        List<Snapshot> old = new ArrayList<>();
        table.snapshots().forEach(s -> {
            if (s.snapshotId() != current && s.timestampMillis() < cutoff.toEpochMilli()) {
                old.add(s);
            }
        });
        if (old.isEmpty()) {
            return;
        }
        String what = which.tableName() + ": " + old.size() + " snapshot(s) before " + cutoff;
        if (dryRun) {
            pruned.add(new Pruned(Kind.SNAPSHOTS, what, 0, 0));
            return;
        }
        int[] files = {0};
        // Iceberg removes exactly the files that no kept snapshot references; the current one is always kept.
        table.expireSnapshots().expireOlderThan(cutoff.toEpochMilli()).retainLast(1)
                .deleteWith(path -> {
                    table.io().deleteFile(path);
                    files[0]++;
                }).commit();
        pruned.add(new Pruned(Kind.SNAPSHOTS, what, files[0], 0));
    }

    private void removeOrphans(LakeTable which, Table table, List<Pruned> pruned) {
        String data = which.prefix() + LakeTable.DATA;
        Map<String, List<S3Entry>> attempts = byFirstFolder(data);
        if (attempts.isEmpty()) {
            return;
        }
        Set<String> referenced = TableAttempts.referenced(table);
        attempts.forEach((attempt, objects) -> {
            if (!referenced.contains(attempt)) {
                pruned.add(delete(Kind.ORPHANS, data + attempt + "/", objects));
            }
        });
    }

    private Pruned delete(Kind kind, String what, List<S3Entry> objects) {
        if (!dryRun) {
            lake.deleteAll(objects.stream().map(S3Entry::key).toList());
        }
        return new Pruned(kind, what, objects.size(), objects.stream().mapToLong(S3Entry::size).sum());
    }
}
