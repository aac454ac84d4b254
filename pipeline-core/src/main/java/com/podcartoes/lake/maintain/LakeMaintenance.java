package com.podcartoes.lake.maintain;

import com.podcartoes.lake.flow.FlowBusyException;
import com.podcartoes.lake.flow.FlowLock;
import com.podcartoes.lake.flow.ProcessingFlow;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunRecordStore;
import com.podcartoes.lake.run.RunState;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Entry;
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

/**
 * Prunes what the lake accumulates by retention, as a small action: set the options, call {@link #execute()}, get a
 * typed {@link Result}. Raw, the tables, rejects and the ledger are state and never touched.
 * <ul>
 *   <li>{@link Kind#RUNS}: a run's records, its metrics and its progress reports, once every record of it has ended
 *       before the retention and it is not among the latest runs kept per flow;</li>
 *   <li>{@link Kind#PROGRESS}: the progress reports of runs that ended (they only mean something while a job runs);</li>
 *   <li>{@link Kind#LOGS}: a cluster's logs under {@code 0004_logs/} when its newest object is older than the
 *       retention and no kept run used the cluster;</li>
 *   <li>{@link Kind#LEFTOVERS}: {@code _staging_<run>} and {@code _trash_<run>} directories a crashed job left in the
 *       tables, removed under the processing flow's lock so that no job is writing them meanwhile.</li>
 * </ul>
 */
public final class LakeMaintenance {
    /** What a pruned group of objects was. */
    public enum Kind { RUNS, PROGRESS, LOGS, LEFTOVERS }

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

        removeLeftovers(runs, pruned, notes);
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

    private void removeLeftovers(Map<String, List<RunRecord>> runs, List<Pruned> pruned, List<String> notes) {
        List<String> tables = new ArrayList<>();
        for (Subject subject : Subject.values()) {
            tables.add(LakeLayout.trustedPrefix(subject));
            tables.add(LakeLayout.rejectsPrefix(subject));
        }
        tables.add(LakeLayout.STAGE);
        tables.add(LakeLayout.BOOK);
        Map<String, List<S3Entry>> leftovers = new TreeMap<>();
        for (String table : tables) {
            byFirstFolder(table).forEach((folder, objects) -> {
                if (folder.startsWith("_staging_") || folder.startsWith("_trash_")) {
                    leftovers.put(table + folder + "/", objects);
                }
            });
        }
        if (leftovers.isEmpty()) {
            return;
        }
        // The processing flow's lock: no Trusted or book job writes its staging while it is removed.
        String runId = "maintain-" + clock.millis();
        try (FlowLock lock = FlowLock.acquire(lake, ProcessingFlow.NAME, runId, Duration.ofMinutes(2), clock)) {
            leftovers.forEach((folder, objects) -> pruned.add(delete(Kind.LEFTOVERS, folder, objects)));
        } catch (FlowBusyException e) {
            notes.add(leftovers.size() + " staging or trash folder(s) left for now, the processing flow is running: "
                    + e.getMessage());
        }
    }

    private Pruned delete(Kind kind, String what, List<S3Entry> objects) {
        if (!dryRun) {
            lake.deleteAll(objects.stream().map(S3Entry::key).toList());
        }
        return new Pruned(kind, what, objects.size(), objects.stream().mapToLong(S3Entry::size).sum());
    }
}
