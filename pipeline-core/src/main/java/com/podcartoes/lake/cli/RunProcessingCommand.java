package com.podcartoes.lake.cli;

import com.podcartoes.lake.compute.SparkRunner;
import com.podcartoes.lake.config.Setting;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.flow.FlowRuns;
import com.podcartoes.lake.flow.ProcessingFlow;
import com.podcartoes.lake.flow.SparkRunners;
import com.podcartoes.lake.run.RetryPolicy;
import com.podcartoes.lake.run.RunRecordStore;
import com.podcartoes.lake.run.StageRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lake run processing}: the Trusted layer (both subjects) then the book, each a Spark step on a cluster of
 * the chosen backend (local child JVMs on the embedded lake, or EMR), under the flow's lock.
 */
@Command(name = "processing", mixinStandardHelpOptions = true,
        description = {"Build the Trusted layer from raw, then the stage and book for a month (default: the month",
                "after the latest invoices) or a range of months."})
final class RunProcessingCommand implements Callable<Integer> {
    @ParentCommand
    RunCommand run;

    @Mixin
    ProcessingChoices choices;

    @Option(names = "--retry", paramLabel = "RUN",
            description = "Run again what run RUN did not finish: its first stage that did not succeed and the"
                    + " stages after it, for the same months.")
    String retry;

    @Override
    public Integer call() {
        if (retry == null) {
            return runProcessing(run.root, choices.options(), choices.backend);
        }
        if (choices.ref != null || choices.from != null || !choices.stages.equals(List.of("trusted", "book"))) {
            throw new IllegalArgumentException("--retry takes the months and stages of the run it retries");
        }
        ProcessingFlow.Options again;
        try (LakeContext lake = run.root.openLake()) {
            ProcessingFlow.Plan plan = ProcessingFlow.Plan.load(lake.lake(), retry);
            again = ProcessingFlow.retryOf(retry, plan.options(RetryPolicy.NONE),
                    new RunRecordStore(lake.lake()).all());
        }
        return runProcessing(run.root, again, choices.backend);
    }

    /** Runs the processing flow under its lock, printing its stages; the exit code. */
    static int runProcessing(LakeCli root, ProcessingFlow.Options options, String backend) {
        RunPrinter printer = new RunPrinter(root.spec.commandLine().getOut());
        try (LakeContext lake = root.openLake()) {
            int attempts = lake.config().getInt(Setting.PROCESSING_ATTEMPTS);
            if (attempts < 1) {
                throw new IllegalArgumentException("processing.attempts must be at least 1, got " + attempts);
            }
            ProcessingFlow.Options withRetries = new ProcessingFlow.Options(options.stages(), options.ref(),
                    options.from(), options.to(), new RetryPolicy(attempts, Duration.ofSeconds(10), 2,
                    Duration.ofMinutes(2)));
            SparkRunner spark = SparkRunners.create(lake, backend);
            RunRecordStore store = new RunRecordStore(lake.lake());
            StageRunner runner = new StageRunner(store, printer, Clock.systemUTC());
            String runId = runner.newRunId();
            ProcessingFlow.Result result = FlowRuns.locked(lake.lake(), store, ProcessingFlow.NAME, runId,
                    FlowRuns.LEASE, Clock.systemUTC(), () -> new ProcessingFlow(spark, runner,
                            SparkRunners.pollFor(spark), lake.lake()).run(runId, withRetries));
            printer.finished(runId, result.succeeded());
            return result.succeeded() ? 0 : LakeCli.FAILED;
        }
    }
}
