package com.podcartoes.lake.flow;

import com.podcartoes.lake.compute.SparkRunner;
import com.podcartoes.lake.compute.StepSpec;
import com.podcartoes.lake.compute.StepWatch;
import com.podcartoes.lake.json.Json;
import com.podcartoes.lake.layout.JobArguments;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.run.RetryPolicy;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.StageRunner;
import com.podcartoes.lake.s3.S3Bucket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The processing flow: the Trusted layer (the control-file checks, then invoices and payments side by side in one
 * Spark application), then the stage and book for a month or a backfill range. Both run as steps of one cluster,
 * acquired for the run and released at its end, on either backend. A stage that fails is retried as its policy
 * allows; the book is skipped when the Trusted layer failed.
 */
public final class ProcessingFlow {
    public static final String NAME = "processing";
    static final String TRUSTED_JOB = "com.podcartoes.lake.jobs.trusted.TrustedLayerJob";
    static final String BOOK_JOB = "com.podcartoes.lake.jobs.book.BookMain";

    public enum StageName {
        TRUSTED, BOOK;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static StageName parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown stage '" + text + "': expected trusted or book");
            }
        }
    }

    /**
     * @param ref  the book's reference month, or null for the default (the month after the latest invoices)
     * @param from with {@code to}: a backfill range instead of one month
     * @param retryRefused whether the Trusted job also takes again the raw files earlier runs refused
     * @param maxRejectRate this run's reject limit for the Trusted job, or null for the profile's
     */
    public record Options(Set<StageName> stages, String ref, String from, String to, RetryPolicy retries,
                          boolean retryRefused, Double maxRejectRate) {
        public Options(Set<StageName> stages, String ref, String from, String to, RetryPolicy retries) {
            this(stages, ref, from, to, retries, false, null);
        }

        public Options {
            stages = stages.isEmpty() ? EnumSet.noneOf(StageName.class) : EnumSet.copyOf(stages);
            if ((from == null) != (to == null) || (ref != null && from != null)) {
                throw new IllegalArgumentException("give --ref, or --from and --to");
            }
        }

        public static Options all() {
            return new Options(EnumSet.allOf(StageName.class), null, null, null, RetryPolicy.NONE);
        }
    }

    public record Result(String runId, String clusterId, List<StageRunner.Execution<?>> executions) {
        public boolean succeeded() {
            return executions.stream().allMatch(StageRunner.Execution::succeeded);
        }
    }

    /**
     * What to run again after run {@code failed}: its first stage that did not succeed and the stages after it,
     * with the same months. The latest attempt of each stage counts.
     *
     * @throws IllegalArgumentException when every stage of that run succeeded
     */
    public static Options retryOf(String failed, Options original, List<RunRecord> records) {
        EnumSet<StageName> again = EnumSet.noneOf(StageName.class);
        for (StageName stage : StageName.values()) {
            if (!original.stages().contains(stage)) {
                continue;
            }
            boolean succeeded = records.stream()
                    .filter(r -> r.runId().equals(failed) && r.stage().equals(stage.label()))
                    .max(Comparator.comparingInt(RunRecord::attempt))
                    .map(r -> r.state().succeeded()).orElse(false);
            if (!succeeded || !again.isEmpty()) {
                again.add(stage); // the first one that did not succeed, and everything that depends on it
            }
        }
        if (again.isEmpty()) {
            throw new IllegalArgumentException("every stage of run " + failed + " succeeded: nothing to retry");
        }
        return new Options(again, original.ref(), original.from(), original.to(), original.retries(),
                original.retryRefused(), original.maxRejectRate());
    }

    /** The options a run was started with, kept in the lake so that it can be retried from anywhere. */
    public record Plan(String runId, Set<StageName> stages, String ref, String from, String to,
                       boolean retryRefused, Double maxRejectRate) {
        static String key(String runId) {
            return LakeLayout.CONTROL + "flows/" + NAME + "/" + runId + ".json";
        }

        public static Plan load(S3Bucket lake, String runId) {
            if (lake.head(key(runId)).isEmpty()) {
                throw new IllegalArgumentException("no processing run " + runId + " (see 'lake runs')");
            }
            return Json.read(lake.getBytes(key(runId)), Plan.class);
        }

        public Options options(RetryPolicy retries) {
            return new Options(stages, ref, from, to, retries, retryRefused, maxRejectRate);
        }
    }

    private final SparkRunner spark;
    private final StageRunner runner;
    private final StepWatch.Backoff poll;
    private final S3Bucket metrics;
    private final Duration stepTimeout;
    private final List<String> tableArgs;
    private final List<String> trustedArgs;

    /** @param lake where each run's options are kept and the jobs' metrics are read */
    public ProcessingFlow(SparkRunner spark, StageRunner runner, StepWatch.Backoff poll, S3Bucket lake) {
        this(spark, runner, poll, lake, null, List.of(), List.of());
    }

    /**
     * @param stepTimeout how long a Spark step may run before it is cancelled and its stage failed; null: no limit
     * @param tableArgs   where both jobs find the lake's tables: the catalog's arguments ({@code LakeCatalog})
     * @param trustedArgs the Trusted job's settings (plausible dates, reject limit) as its arguments
     */
    public ProcessingFlow(SparkRunner spark, StageRunner runner, StepWatch.Backoff poll, S3Bucket lake,
                          Duration stepTimeout, List<String> tableArgs, List<String> trustedArgs) {
        this.tableArgs = List.copyOf(tableArgs);
        this.trustedArgs = List.copyOf(trustedArgs);
        this.spark = spark;
        this.runner = runner;
        this.poll = poll;
        this.metrics = lake;
        this.stepTimeout = stepTimeout;
    }

    public Result run(String runId, Options options) {
        Plan plan = new Plan(runId, options.stages(), options.ref(), options.from(), options.to(),
                options.retryRefused(), options.maxRejectRate());
        metrics.putBytes(Plan.key(runId), Json.write(plan), "application/json");
        String lake = spark.lakeUri();
        String cluster = spark.acquireCluster("pod-lake " + NAME + " " + runId);
        List<StageRunner.Execution<?>> executions = new ArrayList<>();
        try {
            boolean trustedOk = true;
            if (options.stages().contains(StageName.TRUSTED)) {
                List<String> args = new ArrayList<>(List.of(JobArguments.LAKE, lake, JobArguments.RUN_ID, runId));
                args.addAll(tableArgs);
                args.addAll(trustedArgs);
                if (options.retryRefused()) {
                    args.add(JobArguments.RETRY_REFUSED);
                }
                StageRunner.Execution<?> trusted = runner.execute(runId, stage(cluster, new StepSpec("trusted",
                        TRUSTED_JOB, args), this::trustedReport), options.retries());
                executions.add(trusted);
                trustedOk = trusted.succeeded();
            }
            if (!options.stages().contains(StageName.TRUSTED)) {
                runner.skip(runId, NAME, StageName.TRUSTED.label(), "skipped: not chosen for this run");
            }
            if (!options.stages().contains(StageName.BOOK)) {
                runner.skip(runId, NAME, StageName.BOOK.label(), "skipped: not chosen for this run");
            } else {
                if (!trustedOk) {
                    runner.skip(runId, NAME, StageName.BOOK.label(), runner.cancellation().isCancelled()
                            ? "not run: the run was cancelled" : "not run: the Trusted layer failed");
                } else {
                    List<String> args = new ArrayList<>(List.of(JobArguments.LAKE, lake, JobArguments.RUN_ID, runId));
                    args.addAll(tableArgs);
                    if (options.ref() != null) {
                        args.addAll(List.of(JobArguments.REF, options.ref()));
                    } else if (options.from() != null) {
                        args.addAll(List.of(JobArguments.FROM, options.from(), JobArguments.TO, options.to()));
                    }
                    // One month is seconds of work; a backfill's months are minutes.
                    boolean oneMonth = options.from() == null || options.from().equals(options.to());
                    executions.add(runner.execute(runId, stage(cluster, new StepSpec("book", BOOK_JOB, args,
                            oneMonth ? StepSpec.Length.SHORT : StepSpec.Length.LONG), this::bookReport),
                            options.retries()));
                }
            }
        } finally {
            spark.releaseCluster(cluster);
        }
        return new Result(runId, cluster, executions);
    }

    private SparkStepStage stage(String cluster, StepSpec spec,
                                 Function<String, Optional<SparkStepStage.Report>> reports) {
        return new SparkStepStage(NAME, spark, cluster, spec, poll, reports, stepTimeout, metrics);
    }

    private Optional<SparkStepStage.Report> trustedReport(String runId) {
        List<JobMetrics.Trusted> found = new ArrayList<>();
        for (Subject subject : Subject.values()) {
            JobMetrics.trusted(metrics, subject, runId).ifPresent(found::add);
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(new SparkStepStage.Report(
                found.stream().map(JobMetrics.Trusted::summary).collect(Collectors.joining("; ")),
                found.stream().mapToLong(JobMetrics.Trusted::rowsWritten).sum(),
                found.stream().flatMap(t -> t.warnings().stream()).toList()));
    }

    private Optional<SparkStepStage.Report> bookReport(String runId) {
        return JobMetrics.book(metrics, runId).map(b -> new SparkStepStage.Report(b.summary(), b.clients()));
    }
}
