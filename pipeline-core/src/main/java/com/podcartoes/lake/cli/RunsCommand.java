package com.podcartoes.lake.cli;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.run.RunRecordStore;
import com.podcartoes.lake.run.RunSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lake runs}: the latest runs of every flow, newest first, each with its stages' states. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the latest runs and their stages.")
final class RunsCommand implements Callable<Integer> {
    @ParentCommand
    LakeCli root;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "How many runs (default 20).")
    int limit;

    @Override
    public Integer call() {
        PrintWriter out = root.spec.commandLine().getOut();
        try (LakeContext lake = root.openLake()) {
            RunRecordStore store = new RunRecordStore(lake.lake());
            List<RunSummary> runs = RunSummary.newestFirst(store.all());
            reportUnreadable(root, store);
            if (runs.isEmpty()) {
                out.println("no runs yet: try 'lake run all'");
                return 0;
            }
            out.printf("%-26s %-11s %-10s %8s  %s%n", "RUN", "FLOW", "STATE", "TIME", "STAGES");
            runs.stream().limit(limit).forEach(run -> out.printf("%-26s %-11s %-10s %8s  %s%n", run.runId(),
                    run.flow(), run.state(), run.duration() == null ? "" : RunPrinter.formatDuration(run.duration()),
                    run.stagesText()));
        }
        return 0;
    }

    /** Says which run records the listing left out because they could not be read. */
    static void reportUnreadable(LakeCli root, RunRecordStore store) {
        for (String key : store.unreadable()) {
            root.spec.commandLine().getErr().println("lake: left out the unreadable run record " + lake(root, key)
                    + " (not JSON of a run record); remove or restore it");
        }
    }

    private static String lake(LakeCli root, String key) {
        return "s3://" + root.config().lake().bucket() + "/" + key;
    }
}
