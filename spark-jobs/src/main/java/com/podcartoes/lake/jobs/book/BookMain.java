package com.podcartoes.lake.jobs.book;

import com.podcartoes.lake.jobs.common.JobFailure;
import com.podcartoes.lake.jobs.common.JobProgress;
import com.podcartoes.lake.jobs.common.SparkSessions;
import com.podcartoes.lake.layout.JobArguments;
import com.podcartoes.lake.layout.LakeCatalog;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point of the book: {@code --lake URI [--ref yyyyMM | --from yyyyMM --to yyyyMM] [--dt-proc
 * yyyyMMddHHmmss] [--run-id ID]}. Without a month, R is the month after the latest emission month in trusted.
 * Exit code 0 on success, 1 with one sentence on stderr on failure, 2 for invalid arguments.
 */
public final class BookMain {
    private BookMain() {
    }

    public static void main(String[] args) {
        JobArguments arguments;
        try {
            arguments = JobArguments.parse(args);
            arguments.required(JobArguments.LAKE);
            if (arguments.optional(JobArguments.REF).isPresent()
                    && arguments.optional(JobArguments.FROM).isPresent()) {
                throw new IllegalArgumentException("give --ref or --from/--to, not both");
            }
            if (arguments.optional(JobArguments.FROM).isPresent() != arguments.optional(JobArguments.TO).isPresent()) {
                throw new IllegalArgumentException("--from and --to go together");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("Invalid arguments: " + e.getMessage());
            System.err.println("Usage: --lake URI --catalog jdbc|glue [--catalog-uri URL] [--database NAME] [--ref yyyyMM | --from yyyyMM --to yyyyMM] [--dt-proc"
                    + " yyyyMMddHHmmss] [--run-id ID]");
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSessions.forJob("book");
        JobProgress progress = JobProgress.start(spark, arguments.required(JobArguments.LAKE),
                arguments.optional(JobArguments.RUN_ID).orElse(null), "book");
        int exit = 0;
        try {
            BookJob job = new BookJob(spark).lake(arguments.required(JobArguments.LAKE))
                    .catalog(LakeCatalog.fromArguments(arguments));
            arguments.optional(JobArguments.REF).ifPresent(job::ref);
            arguments.optional(JobArguments.FROM).ifPresent(f -> job.range(f, arguments.required(JobArguments.TO)));
            arguments.optional(JobArguments.DT_PROC).ifPresent(job::dtProc);
            arguments.optional(JobArguments.RUN_ID).ifPresent(job::runId);
            job.execute();
            System.out.printf("peak heap used: %d MiB of %d MiB%n", peakHeapMiB(),
                    Runtime.getRuntime().maxMemory() >> 20);
        } catch (RuntimeException e) {
            System.err.println("FAILED: " + e.getMessage());
            e.printStackTrace();
            JobFailure.record(spark, arguments.required(JobArguments.LAKE),
                    arguments.optional(JobArguments.RUN_ID).orElse(null), "book", List.of(String.valueOf(
                            e.getMessage())));
            exit = 1;
        } finally {
            progress.close();
            spark.stop();
        }
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap the run needed. */
    static long peakHeapMiB() {
        long peak = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
