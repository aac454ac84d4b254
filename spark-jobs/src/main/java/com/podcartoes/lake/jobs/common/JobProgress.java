package com.podcartoes.lake.jobs.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.podcartoes.lake.layout.LakeLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;
import org.apache.spark.sql.SparkSession;

/**
 * Tells the lake how far a running job is ({@code 0000_control/progress/<run>/<job>.json}, every few seconds):
 * the tasks done of total in its running Spark stages and how many stages have finished, from Spark's status
 * tracker. Any console shows it, on both backends (on EMR the driver's output is out of reach); it is removed when
 * the job ends. Best effort: a report that cannot be written is skipped, never a reason to fail the job.
 */
public final class JobProgress implements AutoCloseable {
    /** Reports nothing: a job started by hand, with no run to report for. */
    private static final JobProgress NONE = new JobProgress();

    public static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LakeFiles lake;
    private final String key;
    private final String runPrefix;
    private final JavaSparkStatusTracker tracker;
    private final ScheduledExecutorService reports;
    private final Set<Integer> seenStages = new HashSet<>();

    private JobProgress() {
        this.lake = null;
        this.key = null;
        this.runPrefix = null;
        this.tracker = null;
        this.reports = null;
    }

    private JobProgress(SparkSession spark, String lakeUri, String runId, String job, Duration every) {
        this.lake = new LakeFiles(lakeUri, spark.sparkContext().hadoopConfiguration());
        this.key = LakeLayout.progressKey(runId, job);
        this.runPrefix = key.substring(0, key.lastIndexOf('/') + 1);
        this.tracker = JavaSparkContext.fromSparkContext(spark.sparkContext()).statusTracker();
        this.reports = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "job-progress");
            thread.setDaemon(true);
            return thread;
        });
        reports.scheduleWithFixedDelay(this::report, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts reporting for the run; with no run id (a job started by hand) nothing is reported. */
    public static JobProgress start(SparkSession spark, String lakeUri, String runId, String job) {
        if (runId == null || runId.isBlank()) {
            return NONE;
        }
        return start(spark, lakeUri, runId, job, INTERVAL);
    }

    static JobProgress start(SparkSession spark, String lakeUri, String runId, String job, Duration every) {
        return new JobProgress(spark, lakeUri, runId, job, every);
    }

    private void report() {
        try {
            long done = 0;
            long total = 0;
            int[] active = tracker.getActiveStageIds();
            Set<Integer> running = new HashSet<>();
            for (int id : active) {
                SparkStageInfo stage = tracker.getStageInfo(id);
                if (stage != null) {
                    done += stage.numCompletedTasks();
                    total += stage.numTasks();
                    running.add(id);
                }
            }
            seenStages.addAll(running);
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put("tasksDone", done);
            progress.put("tasksTotal", total);
            progress.put("stagesRunning", running.size());
            progress.put("stagesDone", seenStages.size() - running.size());
            progress.put("updatedAt", Instant.now().toString());
            lake.write(key, JSON.writeValueAsBytes(progress));
        } catch (Exception e) {
            // the next report tries again; progress is never worth failing the job for
        }
    }

    /** Stops reporting and removes the report; never throws. */
    @Override
    public void close() {
        if (reports == null) {
            return;
        }
        reports.shutdown(); // no new report; one being written is let finish (an interrupt would leave its temp)
        try {
            reports.awaitTermination(10, TimeUnit.SECONDS);
            lake.delete(key);
            if (lake.listFileNames(runPrefix).isEmpty()) {
                lake.delete(runPrefix); // a local lake would keep the empty folder
            }
        } catch (Exception e) {
            // a report left behind only shows while its stage is recorded RUNNING, which it no longer is
        }
    }
}
