package com.podcartoes.lake.jobs.trusted;

import com.podcartoes.lake.jobs.common.SparkSessions;
import com.podcartoes.lake.layout.JobArguments;
import com.podcartoes.lake.layout.Subject;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The command line shared by the two Trusted entry points:
 * {@code --lake URI [--file NAME[,NAME...]] [--dt-proc yyyyMMddHHmmss] [--run-id ID] [--max-reject-rate 0.01]
 * [--no-sha256]}. Exit code 0 on success, 1 with one sentence on stderr on failure.
 */
final class TrustedMain {
    private TrustedMain() {
    }

    static void run(Subject subject, String[] args) {
        JobArguments arguments;
        try {
            arguments = JobArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Invalid arguments: " + e.getMessage());
            System.err.println("Usage: --lake URI [--file NAME,...] [--dt-proc yyyyMMddHHmmss] [--run-id ID]"
                    + " [--max-reject-rate 0.01] [--no-sha256]");
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSessions.forJob("trusted-" + subject.id());
        int exit = 0;
        try {
            TrustedJob job = new TrustedJob(spark, subject).lake(arguments.required(JobArguments.LAKE));
            arguments.optional(JobArguments.FILE).ifPresent(f -> job.files(List.of(f.split(","))));
            arguments.optional(JobArguments.DT_PROC).ifPresent(job::dtProc);
            arguments.optional(JobArguments.RUN_ID).ifPresent(job::runId);
            arguments.optional(JobArguments.MAX_REJECT_RATE).map(Double::parseDouble).ifPresent(job::maxRejectRate);
            job.verifySha256(!arguments.flag(JobArguments.NO_SHA256));
            job.execute();
        } catch (RuntimeException e) {
            System.err.println("FAILED: " + e.getMessage());
            e.printStackTrace();
            exit = 1;
        } finally {
            spark.stop();
        }
        if (exit != 0) {
            System.exit(exit);
        }
    }
}
