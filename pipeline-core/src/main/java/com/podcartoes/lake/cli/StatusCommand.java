package com.podcartoes.lake.cli;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.flow.Quarantine;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunRecordStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code lake status}: the last run of every stage, read from the lake's run records. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the last run of each stage (from 0000_control/runs/ in the lake).")
final class StatusCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @ParentCommand
    LakeCli root;

    @Override
    public Integer call() {
        PrintWriter out = root.spec.commandLine().getOut();
        try (LakeContext lake = root.openLake()) {
            RunRecordStore store = new RunRecordStore(lake.lake());
            List<RunRecord> latest = store.latestPerStage();
            RunsCommand.reportUnreadable(root, store);
            if (latest.isEmpty()) {
                out.println("No runs yet. Start one with 'lake run ingestion'.");
                return 0;
            }
            out.printf("%-10s %-8s %-14s %-9s %-19s %9s %6s %14s  %s%n", "FLOW", "STAGE", "SUBJECT", "STATE",
                    "STARTED", "TOOK", "FILES", "RECORDS", "RUN / DETAIL");
            for (RunRecord r : latest) {
                String took = r.endedAt() == null ? "running"
                        : RunPrinter.formatDuration(Duration.between(r.startedAt(), r.endedAt()));
                out.printf("%-10s %-8s %-14s %-9s %-19s %9s %6d %,14d  %s%n", r.flow(), r.stage(),
                        r.subject() == null ? "" : r.subject(), r.state(), TIME.format(r.startedAt()), took,
                        r.files(), r.records(), r.runId() + " " + (r.error() != null ? r.error()
                                : r.summary() == null ? "" : r.summary()));
            }
            List<Quarantine.Entry> quarantined = new Quarantine(lake.lake()).refresh();
            if (!quarantined.isEmpty()) {
                out.printf("%nIn quarantine (refused as a whole, left alone by later runs until retried with"
                        + " 'lake run processing --retry-refused' or replaced by a new extraction):%n");
                quarantined.forEach(q -> out.println("  " + q.describe() + " (run " + q.runId() + ")"));
            }
            return 0;
        }
    }
}
