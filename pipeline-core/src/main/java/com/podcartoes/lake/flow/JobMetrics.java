package com.podcartoes.lake.flow;

import com.podcartoes.lake.json.Json;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.s3.S3Bucket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the Spark jobs of a run report, read from the metrics JSON they write to the lake: the one channel that
 * works on both backends (on EMR the driver's stdout is in YARN's logs, not the step's).
 */
public final class JobMetrics {
    private JobMetrics() {
    }

    /** A raw file the Trusted job refused as a whole (quarantined), and why. */
    public record Refused(String file, String reason, long rowsRead, long rowsRejected) {
    }

    /** An object in raw the Trusted job left alone (a stray file, a folder marker, a file without control file). */
    public record Skipped(String key, String reason) {
    }

    /** One subject's Trusted job run. */
    public record Trusted(String subject, String table, List<Object> files, long rowsRead, long rowsWritten,
                          long rowsRejected, List<Refused> refused, List<Skipped> skipped, long durationMillis) {
        public Trusted {
            files = files == null ? List.of() : files;
            refused = refused == null ? List.of() : List.copyOf(refused);
            skipped = skipped == null ? List.of() : List.copyOf(skipped);
        }

        /** e.g. "tb_0001_fatura: 2 files, 60 rows read, 60 written, 0 rejected, 1 file refused". */
        public String summary() {
            return String.format("%s: %d files, %d rows read, %d written, %d rejected", table, files.size(), rowsRead,
                    rowsWritten, rowsRejected) + (refused.isEmpty() ? ""
                    : ", " + refused.size() + " file" + (refused.size() == 1 ? "" : "s") + " refused");
        }

        /** One sentence per refused file and per skipped object, for the run record and the console. */
        public List<String> warnings() {
            List<String> warnings = new java.util.ArrayList<>();
            refused.forEach(r -> warnings.add(r.file() + " is refused: " + r.reason()));
            skipped.forEach(s -> warnings.add(s.key() + " is skipped: " + s.reason()));
            return warnings;
        }
    }

    /** A book job run: clients and stage rows per reference month. */
    public record Book(Map<String, Long> clientsPerRef, Map<String, Long> stageRowsPerRef, long durationMillis) {
        public Book {
            clientsPerRef = clientsPerRef == null ? Map.of() : new TreeMap<>(clientsPerRef);
            stageRowsPerRef = stageRowsPerRef == null ? Map.of() : new TreeMap<>(stageRowsPerRef);
        }

        public long clients() {
            return clientsPerRef.values().stream().mapToLong(Long::longValue).sum();
        }

        /** e.g. "book: refs [202303], clients [30], stage rows [60]". */
        public String summary() {
            return "book: refs " + clientsPerRef.keySet() + ", clients " + clientsPerRef.values() + ", stage rows "
                    + stageRowsPerRef.values();
        }
    }

    /** How far a running job is: tasks done of total in its running Spark stages, and stages finished. */
    public record Progress(long tasksDone, long tasksTotal, int stagesRunning, int stagesDone,
                           java.time.Instant updatedAt) {
        /** 0 to 1, or -1 when no stage is running (between stages, or not started yet). */
        public double fraction() {
            return tasksTotal > 0 ? Math.min(1.0, (double) tasksDone / tasksTotal) : -1;
        }

        /** e.g. "tasks 34 of 200, 3 Spark stages done". */
        public String describe() {
            String tasks = tasksTotal > 0 ? String.format("tasks %,d of %,d", tasksDone, tasksTotal) : "between stages";
            return tasks + (stagesDone > 0 ? ", " + stagesDone + " Spark stage" + (stagesDone == 1 ? "" : "s")
                    + " done" : "");
        }
    }

    /** The latest progress report of a running job ("trusted", "book"), if it wrote one. */
    public static Optional<Progress> progress(S3Bucket lake, String runId, String job) {
        return read(lake, LakeLayout.progressKey(runId, job), Progress.class);
    }

    public static Optional<Trusted> trusted(S3Bucket lake, Subject subject, String runId) {
        return read(lake, LakeLayout.trustedMetricsKey(subject, runId), Trusted.class);
    }

    /** Why a job failed, as it wrote it to the lake: one sentence per failure. */
    public record Failure(String job, String runId, List<String> failures) {
        public Failure {
            failures = failures == null ? List.of() : List.copyOf(failures);
        }
    }

    public static Optional<Failure> failure(S3Bucket lake, String job, String runId) {
        return read(lake, LakeLayout.failureKey(job, runId), Failure.class);
    }

    public static Optional<Book> book(S3Bucket lake, String runId) {
        return read(lake, LakeLayout.bookMetricsKey(runId), Book.class);
    }

    private static <T> Optional<T> read(S3Bucket lake, String key, Class<T> type) {
        if (lake.head(key).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Json.read(lake.getBytes(key), type));
    }
}
