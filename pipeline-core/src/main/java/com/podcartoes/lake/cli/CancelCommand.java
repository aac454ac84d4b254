package com.podcartoes.lake.cli;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.flow.SparkRunners;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunRecordStore;
import com.podcartoes.lake.run.RunState;
import java.util.List;
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
            List<RunRecord> running = new RunRecordStore(lake.lake()).all().stream()
                    .filter(r -> r.runId().equals(runId) && r.state() == RunState.RUNNING)
                    .toList();
            if (running.isEmpty()) {
                throw new IllegalArgumentException("run " + runId + " has no running stage (see 'lake runs')");
            }
            int cancelled = 0;
            for (RunRecord record : running) {
                if (record.stepId() == null) {
                    root.spec.commandLine().getErr().println("lake: " + record.stageKey() + " is not a Spark step"
                            + " and cannot be cancelled; it is safe to stop its process, a re-run resumes it");
                    continue;
                }
                SparkRunners.forCluster(lake, record.clusterId()).cancelStep(record.clusterId(), record.stepId());
                root.spec.commandLine().getOut().printf("cancelling %s: step %s on %s%n", record.stageKey(),
                        record.stepId(), record.clusterId());
                cancelled++;
            }
            return cancelled > 0 ? 0 : LakeCli.FAILED;
        }
    }
}
