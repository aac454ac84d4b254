package com.podcartoes.lake.cli;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.flow.Flows;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lake cancel RUN}: cancels the run's running Spark step (killing the local child, or EMR's CancelSteps);
 * the flow records the stage CANCELLED and does not retry it.
 */
@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a run's running Spark step.")
final class CancelCommand implements Callable<Integer> {
    @ParentCommand
    LakeCli root;

    @Parameters(paramLabel = "RUN", description = "The run id (see 'lake runs').")
    String runId;

    @Override
    public Integer call() {
        try (LakeContext lake = root.openLake()) {
            int cancelled = 0;
            for (Flows.Cancelled stage : Flows.cancel(lake, runId)) {
                if (stage.stepCancelled()) {
                    root.spec.commandLine().getOut().println(stage.describe());
                    cancelled++;
                } else {
                    root.spec.commandLine().getErr().println("lake: " + stage.describe());
                }
            }
            return cancelled > 0 ? 0 : LakeCli.FAILED;
        }
    }
}
