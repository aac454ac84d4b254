package com.podcartoes.lake.run;

import com.podcartoes.lake.json.Json;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Entry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Run records in the lake ({@code 0000_control/runs/<runId>/<stage>[-<subject>].json}), so that every console and
 * CLI sees the same history, whichever machine ran the stage.
 */
public final class RunRecordStore {
    public static final String PREFIX = LakeLayout.CONTROL + "runs/";

    private final S3Bucket lake;

    public RunRecordStore(S3Bucket lake) {
        this.lake = lake;
    }

    public static String key(RunRecord record) {
        return PREFIX + record.runId() + "/" + record.stageKey() + ".json";
    }

    public void save(RunRecord record) {
        lake.putBytes(key(record), Json.write(record), "application/json");
    }

    /** Every record, oldest run first. */
    public List<RunRecord> all() {
        List<RunRecord> records = new ArrayList<>();
        for (S3Entry entry : lake.list(PREFIX, true)) {
            if (entry.key().endsWith(".json")) {
                records.add(Json.read(lake.getBytes(entry.key()), RunRecord.class));
            }
        }
        records.sort(Comparator.comparing(RunRecord::startedAt).thenComparing(RunRecord::stageKey));
        return records;
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
