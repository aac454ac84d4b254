package com.podcartoes.lake.run;

import com.podcartoes.lake.json.Json;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Entry;
import com.podcartoes.lake.s3.StorageException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Run records in the lake ({@code 0000_control/runs/<runId>/<stage>[-<subject>].json}), so that every console and
 * CLI sees the same history, whichever machine ran the stage.
 */
public final class RunRecordStore {
    public static final String PREFIX = LakeLayout.CONTROL + "runs/";

    private final S3Bucket lake;
    private volatile List<String> unreadable = List.of();

    public RunRecordStore(S3Bucket lake) {
        this.lake = lake;
    }

    public static String key(RunRecord record) {
        return PREFIX + record.runId() + "/" + record.stageKey() + ".json";
    }

    public void save(RunRecord record) {
        lake.putBytes(key(record), Json.write(record), "application/json");
    }

    /**
     * Every readable record, oldest run first. One that cannot be read (cut short, edited by hand, from an unknown
     * writer) is left out and reported to {@link #unreadable}, so listing runs, takeover and cancel still work.
     */
    public List<RunRecord> all() {
        List<RunRecord> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (S3Entry entry : lake.list(PREFIX, true)) {
            if (entry.key().endsWith(".json")) {
                read(lake, entry.key()).ifPresentOrElse(records::add, () -> problems.add(entry.key()));
            }
        }
        unreadable = List.copyOf(problems);
        records.sort(Comparator.comparing(RunRecord::startedAt).thenComparing(RunRecord::stageKey));
        return records;
    }

    /** The keys of the records the last {@link #all()} could not read. */
    public List<String> unreadable() {
        return unreadable;
    }

    /** One record, or empty when it cannot be parsed as one (the caller reports it). */
    static Optional<RunRecord> read(S3Bucket lake, String key) {
        try {
            RunRecord record = Json.read(lake.getBytes(key), RunRecord.class);
            boolean whole = record.runId() != null && record.flow() != null && record.stage() != null
                    && record.state() != null && record.startedAt() != null;
            return whole ? Optional.of(record) : Optional.empty();
        } catch (StorageException e) {
            throw e; // the lake itself failed: not a problem of this record
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The latest record of each stage (and subject), in the order the stages first ran. */
    public List<RunRecord> latestPerStage() {
        Map<String, RunRecord> latest = new LinkedHashMap<>();
        for (RunRecord record : all()) {
            latest.put(record.flow() + "/" + record.stageKey(), record);
        }
        return List.copyOf(latest.values());
    }
}
