package com.podcartoes.lake.demo;

import com.podcartoes.lake.layout.RejectReason;
import com.podcartoes.lake.layout.Subject;
import java.util.List;
import java.util.Map;

/** What a generator run wrote: one entry per file, with what it holds, so tests can check the pipeline's counts. */
public record DemoDataSummary(DemoDataOptions options, List<GeneratedFile> files) {

    /**
     * One extract file.
     *
     * @param records  data lines after the header
     * @param resent   rows of the previous file sent again ({@link Mess#DUPLICATES})
     * @param injected invalid rows by the reject reason they should get ({@link Mess#INVALID_ROWS})
     */
    public record GeneratedFile(Subject subject, String key, long bytes, long records, long resent,
                                Map<RejectReason, Integer> injected) {
        public long validRecords() {
            return records - injected.values().stream().mapToLong(Integer::longValue).sum();
        }
    }

    public DemoDataSummary {
        files = List.copyOf(files);
    }

    public List<GeneratedFile> files(Subject subject) {
        return files.stream().filter(f -> f.subject() == subject).toList();
    }

    public long records(Subject subject) {
        return files(subject).stream().mapToLong(GeneratedFile::records).sum();
    }

    public long bytes() {
        return files.stream().mapToLong(GeneratedFile::bytes).sum();
    }
}
