package com.podcartoes.lake.run;

import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Entry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The run records of a lake, kept up to date by polling cheaply: each refresh is one listing (a page per thousand
 * records) plus a GET for each record that is new or changed since the last one (by ETag), so a console can follow
 * runs started anywhere every few seconds without reading the whole history each time. Not thread-safe: one
 * poller owns it.
 */
public final class RunHistory {
    /**
     * The records after a refresh, oldest run first, whether anything changed since the previous one, and the keys of
     * records that could not be read (left out, reported).
     */
    public record Snapshot(List<RunRecord> records, boolean changed, List<String> unreadable) {
    }

    /** A record as last read: null when it could not be read (it is not read again until it changes). */
    private record Cached(String eTag, RunRecord record) {
    }

    private final S3Bucket lake;
    private final Map<String, Cached> byKey = new HashMap<>();

    public RunHistory(S3Bucket lake) {
        this.lake = lake;
    }

    public Snapshot refresh() {
        boolean changed = false;
        Map<String, Cached> seen = new HashMap<>();
        for (S3Entry entry : lake.list(RunRecordStore.PREFIX, true)) {
            if (!entry.key().endsWith(".json")) {
                continue;
            }
            Cached cached = byKey.get(entry.key());
            if (cached == null || !Objects.equals(cached.eTag(), entry.eTag())) {
                cached = new Cached(entry.eTag(), RunRecordStore.read(lake, entry.key()).orElse(null));
                changed = true;
            }
            seen.put(entry.key(), cached);
        }
        changed |= !seen.keySet().equals(byKey.keySet());
        byKey.clear();
        byKey.putAll(seen);
        List<RunRecord> records = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        seen.forEach((key, cached) -> {
            if (cached.record() == null) {
                unreadable.add(key);
            } else {
                records.add(cached.record());
            }
        });
        records.sort(Comparator.comparing(RunRecord::startedAt).thenComparing(RunRecord::stageKey));
        unreadable.sort(Comparator.naturalOrder());
        return new Snapshot(List.copyOf(records), changed, List.copyOf(unreadable));
    }
}
