package com.podcartoes.lake.cli;

import com.podcartoes.lake.compute.LogStream;
import com.podcartoes.lake.compute.SparkRunner;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.flow.SparkRunners;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunRecordStore;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lake logs RUN STAGE}: a Spark stage's step log (stdout, stderr or controller), on either backend. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print a Spark stage's step log.")
final class LogsCommand implements Callable<Integer> {
    @ParentCommand
    LakeCli root;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id (see 'lake runs').")
    String runId;

    @Parameters(index = "1", paramLabel = "STAGE", description = "The stage, e.g. trusted or book.")
    String stage;

    @Option(names = "--stream", defaultValue = "stdout", paramLabel = "STREAM",
            description = "stdout (default), stderr, controller, or containers: the stderr of each YARN container"
                    + " of the step's Spark application (EMR).")
    String stream;

    @Override
    public Integer call() {
        LogStream chosen = LogStream.parse(stream);
        try (LakeContext lake = root.openLake()) {
            RunRecord record = new RunRecordStore(lake.lake()).all().stream()
                    .filter(r -> r.runId().equals(runId) && r.stage().equals(stage))
                    .max(Comparator.comparingInt(RunRecord::attempt))
                    .orElseThrow(() -> new IllegalArgumentException("no stage '" + stage + "' in run " + runId
                            + " (see 'lake runs')"));
            if (record.stepId() == null) {
                throw new IllegalArgumentException("stage '" + stage + "' of run " + runId
                        + " is not a Spark step: its run record holds what it did (lake status)");
            }
            SparkRunner runner = SparkRunners.forCluster(lake, record.clusterId());
            Optional<String> log = runner.log(record.clusterId(), record.stepId(), chosen);
            if (log.isEmpty()) {
                root.spec.commandLine().getErr().println("lake: no " + stream + " log for step " + record.stepId()
                        + " on " + record.clusterId() + " yet" + (runner.backend().equals("emr")
                        ? ": EMR copies step logs to the log URI about five minutes after a step ends"
                        : chosen == LogStream.CONTAINERS ? ": the local backend runs each job in one JVM, with no"
                        + " YARN containers (see stdout and stderr)" : ""));
                return LakeCli.FAILED;
            }
            root.spec.commandLine().getOut().print(log.get());
        }
        return 0;
    }
}
