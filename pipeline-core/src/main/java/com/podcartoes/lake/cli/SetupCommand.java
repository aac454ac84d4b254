package com.podcartoes.lake.cli;

import com.podcartoes.lake.config.Setting;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.setup.LakeSetup;
import com.podcartoes.lake.tables.TablesRebuild;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lake setup}: makes the lake bucket and its lifecycle what the lake needs; safe to run again. */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Create the lake bucket if missing and set its lifecycle: raw to Glacier Instant Retrieval"
                + " after lifecycle.rawToGlacierDays, incomplete multipart uploads aborted. Idempotent; other"
                + " lifecycle rules of the bucket are kept."})
final class SetupCommand implements Callable<Integer> {
    @ParentCommand
    LakeCli root;

    @Option(names = "--rebuild-tables", description = "Clear the Trusted and Refined layers and the ledger (raw,"
            + " control files and run records stay), so that the next processing run rebuilds the tables from raw:"
            + " for a lake written before its tables became Iceberg tables.")
    boolean rebuildTables;

    @Override
    public Integer call() {
        try (LakeContext lake = root.openLake()) {
            if (rebuildTables) {
                TablesRebuild.run(lake, Clock.systemUTC()).lines()
                        .forEach(root.spec.commandLine().getOut()::println);
                return 0;
            }
            LakeSetup.apply(lake.lake(), lake.embedded().isPresent(),
                    lake.config().getInt(Setting.LIFECYCLE_RAW_TO_GLACIER_DAYS))
                    .lines().forEach(root.spec.commandLine().getOut()::println);
            return 0;
        }
    }
}
