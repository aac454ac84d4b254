package com.podcartoes.lake.jobs.trusted;

import java.util.List;
import java.util.Map;

/**
 * What a Trusted job run did, per raw file and in total; the same figures go to the metrics JSON and the ledger.
 *
 * @param files   the files processed and published
 * @param refused the files refused as a whole (quarantined): nothing of them published, the others unaffected
 * @param skipped objects in raw that are not a raw file with its control file (a stray file, a folder marker, a
 *                data file whose control file is missing): never read, reported
 */
public record TrustedResult(String table, String runId, String dtProc, List<FileReport> files, List<Refused> refused,
                            List<Skipped> skipped, long durationMillis) {

    /** An object of raw the job left alone, and why. */
    public record Skipped(String key, String reason) {
    }

    /** A raw file refused as a whole, why, and what was counted of it before (0 when refused before reading). */
    public record Refused(String file, String reason, long rowsRead, long rowsRejected) {
    }

    /** One raw file: rows read (data lines), written to trusted, rejected per reason, and written per ref. */
    public record FileReport(String file, long rowsRead, long rowsWritten, Map<String, Long> rejectedByReason,
                             Map<String, Long> rowsPerRef) {
        public long rowsRejected() {
            return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public long rowsRead() {
        return files.stream().mapToLong(FileReport::rowsRead).sum();
    }

    public long rowsWritten() {
        return files.stream().mapToLong(FileReport::rowsWritten).sum();
    }

    public long rowsRejected() {
        return files.stream().mapToLong(FileReport::rowsRejected).sum();
    }
}
