package com.podcartoes.lake.flow;

import com.podcartoes.lake.compute.ClusterInfo;
import com.podcartoes.lake.compute.SparkRunner;
import com.podcartoes.lake.compute.StepInfo;
import com.podcartoes.lake.compute.StepSpec;
import com.podcartoes.lake.compute.StepState;
import com.podcartoes.lake.compute.StepWatch;
import com.podcartoes.lake.run.Stage;
import com.podcartoes.lake.run.StageCancelledException;
import com.podcartoes.lake.run.StageContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A stage that runs one Spark job as a step on a cluster of either backend, waits for it, and turns the step's end
 * into the stage's: COMPLETED succeeds (with what the job reported in its metrics), CANCELLED is a cancellation,
 * anything else a failure carrying the job's own sentence (or the step's failure reason) and where its log is; a
 * step ended by its cluster's end says so, with the cluster's reason. Cancelling the run cancels the step, and so
 * does a stage that fails while its step may still run (the watch gave up), so that a retry never runs beside it.
 */
final class SparkStepStage implements Stage<SparkStepStage.Result> {
    private final String flow;
    private final SparkRunner spark;
    private final String clusterId;
    private final StepSpec spec;
    private final StepWatch.Backoff poll;
    private final Function<String, Optional<Report>> reports;
    private final java.time.Duration timeout;
    private final com.podcartoes.lake.s3.S3Bucket lake;

    /** What a job reported for a run: a line for people, the records it wrote (rows, or book clients), warnings. */
    record Report(String summary, long records, List<String> warnings) {
        Report(String summary, long records) {
            this(summary, records, List.of());
        }
    }

    /**
     * @param reports the job's report for a run id, from the metrics it wrote to the lake
     * @param timeout how long the step may run before it is cancelled, or null for no limit
     */
    SparkStepStage(String flow, SparkRunner spark, String clusterId, StepSpec spec, StepWatch.Backoff poll,
                   Function<String, Optional<Report>> reports, java.time.Duration timeout,
                   com.podcartoes.lake.s3.S3Bucket lake) {
        this.lake = lake;
        this.timeout = timeout;
        this.flow = flow;
        this.spark = spark;
        this.clusterId = clusterId;
        this.spec = spec;
        this.poll = poll;
        this.reports = reports;
    }

    /** The step that ran, and the job's report (counts per table or month, and its warnings). */
    record Result(StepInfo step, String summary, long records, List<String> warnings) implements Stage.Outcome {
        @Override
        public int files() {
            return 0;
        }

        @Override
        public long bytes() {
            return 0;
        }

    }

    @Override
    public String flow() {
        return flow;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String subject() {
        return null;
    }

    @Override
    public Result execute(StageContext context) {
        context.cancellation().throwIfCancelled(spec.name());
        StepInfo step = spark.addStep(clusterId, spec);
        context.stepStarted(clusterId, step.id());
        Runnable stopCancelling = context.cancellation().onCancel(() -> spark.cancelStep(clusterId, step.id()));
        StepInfo ended;
        try {
            ended = step.state().isFinal() ? step
                    : StepWatch.await(spark, clusterId, step.id(), poll, timeout, s -> { });
        } catch (RuntimeException e) {
            // The stage fails while its step may still run: stop it and wait, so that a retry never runs beside it.
            stopAfterLosingSight(step.id(), e);
            throw e;
        } finally {
            stopCancelling.run();
        }
        String where = "step " + ended.id() + " on " + clusterId + "; logs: lake logs " + context.runId() + " "
                + spec.name() + " --stream stderr";
        if (ended.state() == StepState.COMPLETED) {
            Report report = reports.apply(context.runId())
                    .orElse(new Report("completed (" + ended.id() + "), no metrics found", 0));
            return new Result(ended, report.summary(), report.records(), report.warnings());
        }
        if (!context.cancellation().isCancelled()) {
            // EMR cancels or interrupts the steps of a cluster that terminates: say that, not "cancelled".
            clusterEnded().ifPresent(cluster -> {
                throw new IllegalStateException("cluster " + clusterId + " " + cluster.state() + " under the step"
                        + (cluster.stateReason() == null ? "" : ": " + cluster.stateReason()) + " (" + where + ")");
            });
        }
        if (ended.state() == StepState.CANCELLED) {
            throw new StageCancelledException("cancelled (" + where + ")");
        }
        // The job's own sentence, from the lake, else the step's failure as the backend reports it.
        Optional<JobMetrics.Failure> written = JobMetrics.failure(lake, spec.name(), context.runId());
        String reason;
        if (written.isPresent() && !written.get().failures().isEmpty()) {
            reason = String.join("; ", written.get().failures());
        } else {
            reason = ended.failureReason() == null ? ended.state().name() : ended.failureReason();
            if (ended.failureMessage() != null && !ended.failureMessage().startsWith("exit code")) {
                reason += ": " + ended.failureMessage();
            }
        }
        throw new IllegalStateException(reason + " (" + where + ")");
    }

    private Optional<ClusterInfo> clusterEnded() {
        try {
            ClusterInfo cluster = spark.cluster(clusterId);
            return cluster.state().isActive() ? Optional.empty() : Optional.of(cluster);
        } catch (RuntimeException e) {
            return Optional.empty(); // the step's own end is still worth reporting
        }
    }

    private void stopAfterLosingSight(String stepId, RuntimeException cause) {
        try {
            spark.cancelStep(clusterId, stepId);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
