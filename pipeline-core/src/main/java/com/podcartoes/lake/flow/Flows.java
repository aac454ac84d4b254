package com.podcartoes.lake.flow;

import com.podcartoes.lake.compute.SparkRunner;
import com.podcartoes.lake.config.Setting;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.ingestion.IngestionFlow;
import com.podcartoes.lake.layout.JobArguments;
import com.podcartoes.lake.run.Cancellation;
import com.podcartoes.lake.run.RetryPolicy;
import com.podcartoes.lake.run.RunListener;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunRecordStore;
import com.podcartoes.lake.run.RunState;
import com.podcartoes.lake.run.StageRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The flows as the CLI and the console start, retry and cancel them: each under its lock, its stages recorded in the
 * lake and passed to the listener as they change. One entry point for both faces of the product.
 */
public final class Flows {
    private Flows() {
    }

    public static IngestionFlow.Result ingestion(LakeContext lake, IngestionFlow.Options options,
                                                 RunListener listener) {
        return ingestion(lake, options, listener, Cancellation.NONE);
    }

    /** @param cancellation stops the run between files and skips the stages not started yet */
    public static IngestionFlow.Result ingestion(LakeContext lake, IngestionFlow.Options options,
                                                 RunListener listener, Cancellation cancellation) {
        RunRecordStore store = new RunRecordStore(lake.lake());
        Cancellation run = ofRun(cancellation);
        StageRunner runner = new StageRunner(store, listener, Clock.systemUTC(), run);
        String runId = runner.newRunId();
        return FlowRuns.locked(lake.lake(), store, IngestionFlow.NAME, runId, FlowRuns.LEASE, Clock.systemUTC(),
                run, crashed -> { }, () -> new IngestionFlow(lake, runner, RetryPolicy.DEFAULT, Clock.systemUTC()).run(runId, options));
    }

    /** @param backend "local", "emr", or null for the profile's {@code compute.backend} */
    public static ProcessingFlow.Result processing(LakeContext lake, ProcessingFlow.Options options, String backend,
                                                   RunListener listener) {
        return processing(lake, options, backend, listener, Cancellation.NONE);
    }

    /** @param cancellation cancels the running Spark step and skips the stages not started yet */
    public static ProcessingFlow.Result processing(LakeContext lake, ProcessingFlow.Options options, String backend,
                                                   RunListener listener, Cancellation cancellation) {
        int attempts = lake.config().getInt(Setting.PROCESSING_ATTEMPTS);
        if (attempts < 1) {
            throw new IllegalArgumentException("processing.attempts must be at least 1, got " + attempts);
        }
        ProcessingFlow.Options withRetries = new ProcessingFlow.Options(options.stages(), options.ref(),
                options.from(), options.to(), new RetryPolicy(attempts, Duration.ofSeconds(10), 2,
                Duration.ofMinutes(2)), options.retryRefused(), options.maxRejectRate());
        List<String> trustedArgs = trustedArguments(lake, options.maxRejectRate());
        int minutes = lake.config().getInt(Setting.PROCESSING_STEP_TIMEOUT_MINUTES);
        Duration timeout = minutes == 0 ? null : Duration.ofMinutes(minutes);
        SparkRunner spark = SparkRunners.create(lake, backend);
        RunRecordStore store = new RunRecordStore(lake.lake());
        Cancellation run = ofRun(cancellation);
        StageRunner runner = new StageRunner(store, listener, Clock.systemUTC(), run);
        String runId = runner.newRunId();
        return FlowRuns.locked(lake.lake(), store, ProcessingFlow.NAME, runId, FlowRuns.LEASE, Clock.systemUTC(),
                run, crashed -> cancelSteps(lake, crashed), () -> new ProcessingFlow(spark, runner, SparkRunners.pollFor(spark), lake.lake(), timeout,
                        lake.catalog().arguments(), trustedArgs).run(runId, withRetries));
    }

    /**
     * The Trusted job's settings as its arguments: the profile's plausible dates and record bound, and the reject
     * limit (the run's, else the profile's). Checked here, so that a bad value is a sentence naming the key before any Spark starts.
     */
    static List<String> trustedArguments(LakeContext lake, Double runRejectRate) {
        List<String> args = new ArrayList<>();
        for (Setting bound : List.of(Setting.TRUSTED_MIN_DATE, Setting.TRUSTED_MAX_DATE)) {
            String value = lake.config().get(bound);
            try {
                LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(bound.key() + " (from " + lake.config().origin(bound)
                        + ") must be a date yyyy-MM-dd, got '" + value + "'");
            }
            args.addAll(List.of(bound == Setting.TRUSTED_MIN_DATE ? JobArguments.MIN_DATE : JobArguments.MAX_DATE,
                    value));
        }
        double rate = runRejectRate != null ? runRejectRate
                : lake.config().getDecimal(Setting.TRUSTED_MAX_REJECT_RATE).doubleValue();
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException((runRejectRate != null ? "--max-reject-rate" : "trusted.maxRejectRate")
                    + " must be between 0 and 1, got " + rate);
        }
        args.addAll(List.of(JobArguments.MAX_REJECT_RATE, Double.toString(rate)));
        args.addAll(List.of(JobArguments.MAX_RECORD_BYTES, lake.config().get(Setting.TRUSTED_MAX_RECORD_BYTES)));
        return args;
    }

    /** What {@code --retry RUN} runs for a processing run: its first unfinished stage and those after it. */
    public static ProcessingFlow.Options processingRetryOf(LakeContext lake, String runId) {
        ProcessingFlow.Plan plan = ProcessingFlow.Plan.load(lake.lake(), runId);
        return ProcessingFlow.retryOf(runId, plan.options(RetryPolicy.NONE), new RunRecordStore(lake.lake()).all());
    }

    /** What {@code --retry RUN} runs for an ingestion run: extract and load of each subject that did not finish. */
    public static IngestionFlow.Options ingestionRetryOf(LakeContext lake, String runId) {
        return IngestionFlow.retryOf(runId, new RunRecordStore(lake.lake()).all());
    }

    /** What {@link #cancel} did for one running stage. */
    public record Cancelled(RunRecord stage, boolean stepCancelled) {
        /** One line for people. */
        public String describe() {
            return stepCancelled ? "cancelling " + stage.stageKey() + ": step " + stage.stepId() + " on "
                    + stage.clusterId()
                    : stage.stageKey() + " is not a Spark step and cannot be cancelled from here; it is safe to stop"
                    + " its process, a re-run resumes it";
        }
    }

    /**
     * Cancels the running Spark steps of a run started anywhere ({@code lake cancel}): the local child JVM is
     * killed, EMR gets CancelSteps; the flow that runs it then records the stage CANCELLED.
     *
     * @throws IllegalArgumentException when the run has no running stage
     */
    /** The run's own cancellation: the caller's, or a new one for a caller that never cancels (the CLI). */
    private static Cancellation ofRun(Cancellation caller) {
        return caller == Cancellation.NONE ? new Cancellation() : caller;
    }

    /** A crashed run's steps still running, cancelled (whatever cannot be reached is said, not thrown). */
    private static void cancelSteps(LakeContext lake, String crashedRunId) {
        try {
            cancel(lake, crashedRunId).stream().filter(Cancelled::stepCancelled)
                    .forEach(c -> System.err.println("lake: " + c.describe()));
        } catch (IllegalArgumentException noRunningStage) {
            // nothing of it runs
        } catch (RuntimeException e) {
            System.err.println("lake: cannot cancel the steps of crashed run " + crashedRunId + ": " + e.getMessage());
        }
    }

    public static List<Cancelled> cancel(LakeContext lake, String runId) {
        List<RunRecord> running = new RunRecordStore(lake.lake()).all().stream()
                .filter(r -> r.runId().equals(runId) && r.state() == RunState.RUNNING)
                .toList();
        if (running.isEmpty()) {
            throw new IllegalArgumentException("run " + runId + " has no running stage (see 'lake runs')");
        }
        List<Cancelled> done = new ArrayList<>();
        for (RunRecord record : running) {
            if (record.stepId() == null) {
                done.add(new Cancelled(record, false));
                continue;
            }
            SparkRunners.forCluster(lake, record.clusterId()).cancelStep(record.clusterId(), record.stepId());
            done.add(new Cancelled(record, true));
        }
        return done;
    }
}
