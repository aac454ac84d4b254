package com.podcartoes.lake.cli;

import com.podcartoes.lake.config.Setting;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.maintain.LakeMaintenance;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lake maintain}: prunes run records, metrics, progress reports, logs, old snapshots and orphan files by retention. */
@Command(name = "maintain", mixinStandardHelpOptions = true,
        description = {"Prune by retention: run records with their metrics and progress, cluster logs, the tables'"
                + " snapshots older than the retention (never the current one: time travel reaches back that far),"
                + " and files crashed jobs left that no snapshot references. Raw, the tables' current data, rejects"
                + " and the ledger are never touched."})
final class MaintainCommand implements Callable<Integer> {
    @ParentCommand
    LakeCli root;

    @Option(names = "--dry-run", description = "Show what would be removed; remove nothing.")
    boolean dryRun;

    @Option(names = "--days", paramLabel = "N", description = "Keep what is younger than N days (default:"
            + " retention.days).")
    Integer days;

    @Option(names = "--keep-runs", paramLabel = "N", description = "Keep the latest N runs of each flow whatever"
            + " their age (default: retention.keepRuns).")
    Integer keepRuns;

    @Override
    public Integer call() {
        PrintWriter out = root.spec.commandLine().getOut();
        PrintWriter err = root.spec.commandLine().getErr();
        try (LakeContext lake = root.openLake()) {
            int retentionDays = days != null ? days : lake.config().getInt(Setting.RETENTION_DAYS);
            int keep = keepRuns != null ? keepRuns : lake.config().getInt(Setting.RETENTION_KEEP_RUNS);
            LakeMaintenance.Result result = new LakeMaintenance(lake.lake(), Clock.systemUTC())
                    .tables(lake.tables()).retention(Duration.ofDays(retentionDays)).keepRuns(keep).dryRun(dryRun).execute();
            for (LakeMaintenance.Pruned pruned : result.pruned()) {
                out.printf("%-9s %-60s %6d objects %10s%n", pruned.kind(), pruned.what(), pruned.objects(),
                        Sizes.human(pruned.bytes()));
            }
            result.notes().forEach(note -> err.println("lake: " + note));
            out.printf("%s %,d objects (%s) in %d groups; kept: younger than %d days, the latest %d runs of each"
                    + " flow.%n", dryRun ? "Would remove" : "Removed", result.objects(), Sizes.human(result.bytes()),
                    result.pruned().size(), retentionDays, keep);
            return 0;
        }
    }
}
