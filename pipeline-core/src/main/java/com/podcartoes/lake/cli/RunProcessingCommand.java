package com.podcartoes.lake.cli;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.flow.Flows;
import com.podcartoes.lake.flow.ProcessingFlow;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
            again = Flows.processingRetryOf(lake, retry);
        }
        return runProcessing(run.root, again, choices.backend);
    }

    /** Runs the processing flow under its lock, printing its stages; the exit code. */
    static int runProcessing(LakeCli root, ProcessingFlow.Options options, String backend) {
        RunPrinter printer = new RunPrinter(root.spec.commandLine().getOut());
        try (LakeContext lake = root.openLake()) {
            ProcessingFlow.Result result = Flows.processing(lake, options, backend, printer);
            printer.finished(result.runId(), result.succeeded());
            return result.succeeded() ? 0 : LakeCli.FAILED;
        }
    }
}
