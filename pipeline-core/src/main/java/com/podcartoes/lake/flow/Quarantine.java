package com.podcartoes.lake.flow;

import com.podcartoes.lake.json.Json;
import com.podcartoes.lake.layout.Ledger;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Entry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw files the Trusted job refused as a whole and left in quarantine (REFUSED ledger entries): later runs
 * leave them alone until a new extraction replaces them or a run retries them ({@code --retry-refused}). Read with
 * one listing per table, then a GET only for the entries that changed since the last {@link #refresh()}.
 */
public final class Quarantine {
    /** A quarantined raw file: its table, why it was refused, and by which run. */
    public record Entry(Subject subject, String file, String reason, String runId, String refusedAt) {
        /** e.g. "tb_faturas_20230501_20230502000000.csv (tb_0001_fatura): it is empty (0 bytes)". */
        public String describe() {
            return file + " (" + subject.trustedTable() + "): " + reason;
        }
    }

    private record Cached(String version, Entry entry) {
    }

    /**
     * What tells a changed entry: its ETag, or where the server keeps none (the embedded server for files the
     * Spark jobs write straight to its directory) its time and size.
     */
    private static String version(S3Entry object) {
        return object.eTag() != null ? object.eTag() : object.lastModified() + "/" + object.size();
    }

    private final S3Bucket lake;
    private final Map<String, Cached> cache = new HashMap<>();

    public Quarantine(S3Bucket lake) {
        this.lake = lake;
    }

    /** The quarantined files now, by table then file name. */
    public synchronized List<Entry> refresh() {
        List<Entry> entries = new ArrayList<>();
        Map<String, Cached> seen = new HashMap<>();
        for (Subject subject : Subject.values()) {
            for (S3Entry object : lake.list(Ledger.prefix(subject), false)) {
                if (object.isPrefix() || !object.key().endsWith(".json")) {
                    continue;
                }
                String version = version(object);
                Cached cached = cache.get(object.key());
                if (cached == null || !cached.version().equals(version)) {
                    cached = new Cached(version, read(subject, object.key()));
                }
                seen.put(object.key(), cached);
                if (cached.entry() != null) {
                    entries.add(cached.entry());
                }
            }
        }
        cache.clear();
        cache.putAll(seen);
        return entries;
    }

    /** The fields of a ledger entry read here (the Trusted job writes more). */
    private record LedgerEntry(String file, String state, String reason, String runId, String processedAt) {
    }

    /** The entry if it is a REFUSED one; null for a processed file (or an entry that cannot be read). */
    private Entry read(Subject subject, String key) {
        LedgerEntry entry;
        try {
            entry = Json.read(lake.getBytes(key), LedgerEntry.class);
        } catch (com.podcartoes.lake.s3.StorageException e) {
            throw e;
        } catch (RuntimeException e) {
            return null;
        }
        return Ledger.REFUSED.equals(entry.state()) ? new Entry(subject, entry.file(), entry.reason(),
                entry.runId(), entry.processedAt()) : null;
    }
}
