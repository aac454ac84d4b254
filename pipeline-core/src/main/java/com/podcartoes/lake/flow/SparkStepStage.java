package com.podcartoes.lake.flow;

import com.podcartoes.lake.compute.LogStream;
import com.podcartoes.lake.compute.SparkRunner;
import com.podcartoes.lake.compute.StepInfo;
import com.podcartoes.lake.compute.StepSpec;
import com.podcartoes.lake.compute.StepState;
import com.podcartoes.lake.compute.StepWatch;
import com.podcartoes.lake.run.Stage;
import com.podcartoes.lake.run.StageCancelledException;
import com.podcartoes.lake.run.StageContext;
import java.util.stream.Collectors;

/**
 * A stage that runs one Spark job as a step on a cluster of either backend, waits for it, and turns the step's end
 * into the stage's: COMPLETED succeeds (with the job's own report lines), CANCELLED is a cancellation, anything else
 * a failure carrying the step's failure reason and where its log is.
 */
final class SparkStepStage implements Stage<SparkStepStage.Result> {
    private final String flow;
    private final SparkRunner spark;
    private final String clusterId;
    private final StepSpec spec;
    private final StepWatch.Backoff poll;

    SparkStepStage(String flow, SparkRunner spark, String clusterId, StepSpec spec, StepWatch.Backoff poll) {
        this.flow = flow;
        this.spark = spark;
        this.clusterId = clusterId;
        this.spec = spec;
        this.poll = poll;
    }

    /** The step that ran, and the job's report lines (counts per table or month) when its log is available. */
    record Result(StepInfo step, String summary) implements Stage.Outcome {
        @Override
        public int files() {
            return 0;
        }

        @Override
        public long bytes() {
            return 0;
        }

        @Override
        public long records() {
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
        StepInfo step = spark.addStep(clusterId, spec);
        context.stepStarted(clusterId, step.id());
        StepInfo ended = step.state().isFinal() ? step
                : StepWatch.await(spark, clusterId, step.id(), poll, s -> { });
        String where = "step " + ended.id() + " on " + clusterId + "; logs: lake logs " + context.runId() + " "
                + spec.name() + " --stream stderr";
        if (ended.state() == StepState.COMPLETED) {
            String summary = spark.log(clusterId, ended.id(), LogStream.STDOUT)
                    .map(out -> out.lines().filter(l -> l.startsWith("tb_00") || l.startsWith("book:"))
                            .collect(Collectors.joining("; ")))
                    .filter(s -> !s.isEmpty())
                    .orElse("completed (" + ended.id() + ")");
            return new Result(ended, summary);
        }
        if (ended.state() == StepState.CANCELLED) {
            throw new StageCancelledException("cancelled (" + where + ")");
        }
        String reason = ended.failureReason() == null ? ended.state().name() : ended.failureReason();
        if (ended.failureMessage() != null && !ended.failureMessage().startsWith("exit code")) {
            reason += ": " + ended.failureMessage();
        }
        throw new IllegalStateException(reason + " (" + where + ")");
    }
}
