package com.podcartoes.lake.jobs.trusted;

import com.podcartoes.lake.jobs.common.JobFailure;
import com.podcartoes.lake.jobs.common.JobProgress;
import com.podcartoes.lake.jobs.common.SparkSessions;
import com.podcartoes.lake.layout.JobArguments;
import com.podcartoes.lake.layout.LakeCatalog;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.rules.DateRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.SparkSession;

/**
 * The command line of the Trusted entry points:
 * {@code --lake URI [--file NAME[,NAME...]] [--dt-proc yyyyMMddHHmmss] [--run-id ID] [--max-reject-rate 0.01]
 * [--no-sha256]}. With several subjects they run concurrently in one Spark application (one JVM to warm up, both
 * cores busy while one of them waits on I/O); each subject publishes or fails on its own. Exit code 0 on success,
 * 1 with one sentence per failed subject on stderr, 2 for invalid arguments.
 */
final class TrustedMain {
    private static final String USAGE = "Usage: --lake URI --catalog jdbc|glue [--catalog-uri JDBC-URL] [--database NAME] [--file NAME,...] [--dt-proc yyyyMMddHHmmss]"
            + " [--run-id ID] [--max-reject-rate 0.01] [--no-sha256] [--retry-refused] [--min-date yyyy-MM-dd]"
            + " [--max-date yyyy-MM-dd] [--max-record-bytes N]";

    private TrustedMain() {
    }

    static void run(List<Subject> subjects, String[] args) {
        JobArguments arguments;
        try {
            arguments = JobArguments.parse(args);
            arguments.required(JobArguments.LAKE);
            LakeCatalog.fromArguments(arguments);
            if (subjects.size() > 1 && arguments.optional(JobArguments.FILE).isPresent()) {
                throw new IllegalArgumentException(JobArguments.FILE + " names the files of one subject: use"
                        + " TrustedInvoicesJob or TrustedPaymentsJob");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("Invalid arguments: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSessions.forJob(subjects.size() == 1 ? "trusted-" + subjects.get(0).id()
                : "trusted");
        JobProgress progress = JobProgress.start(spark, arguments.required(JobArguments.LAKE),
                arguments.optional(JobArguments.RUN_ID).orElse(null), "trusted");
        Map<Subject, CompletableFuture<TrustedResult>> runs = new LinkedHashMap<>();
        for (Subject subject : subjects) {
            TrustedJob job = configure(new TrustedJob(spark, subject), arguments);
            runs.put(subject, CompletableFuture.supplyAsync(job::execute));
        }
        List<String> failures = new ArrayList<>();
        runs.forEach((subject, run) -> {
            try {
                run.join();
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                failures.add(subject.trustedTable() + ": " + cause.getMessage());
                cause.printStackTrace();
            }
        });
        if (!failures.isEmpty()) {
            JobFailure.record(spark, arguments.required(JobArguments.LAKE),
                    arguments.optional(JobArguments.RUN_ID).orElse(null), "trusted", failures);
        }
        progress.close();
        spark.stop();
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.err.println("FAILED: " + f));
            System.exit(1);
        }
    }

    static TrustedJob configure(TrustedJob job, JobArguments arguments) {
        job.lake(arguments.required(JobArguments.LAKE)).catalog(LakeCatalog.fromArguments(arguments));
        arguments.optional(JobArguments.FILE).ifPresent(f -> job.files(List.of(f.split(","))));
        arguments.optional(JobArguments.DT_PROC).ifPresent(job::dtProc);
        arguments.optional(JobArguments.RUN_ID).ifPresent(job::runId);
        arguments.optional(JobArguments.MAX_REJECT_RATE).map(Double::parseDouble).ifPresent(job::maxRejectRate);
        arguments.optional(JobArguments.MAX_RECORD_BYTES).map(Integer::parseInt).ifPresent(job::maxRecordBytes);
        job.dateRange(DateRange.parse(arguments.optional(JobArguments.MIN_DATE).orElse(null),
                arguments.optional(JobArguments.MAX_DATE).orElse(null)));
        return job.verifySha256(!arguments.flag(JobArguments.NO_SHA256))
                .retryRefused(arguments.flag(JobArguments.RETRY_REFUSED));
    }
}
