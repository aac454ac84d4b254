package com.podcartoes.lake.tables;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.flow.FlowLock;
import com.podcartoes.lake.flow.ProcessingFlow;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Entry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Clears the Trusted and Refined layers so that the next processing run rebuilds them from raw: what {@code lake
 * setup --rebuild-tables} does for a lake written before its tables became Iceberg tables (the jobs refuse such a
 * layout rather than mix the two). Raw, the control files and the run records are untouched; the ledger goes, so
 * that every raw file is processed again. Under the processing flow's lock: no job writes meanwhile.
 */
public final class TablesRebuild {
    /** The layers cleared, and the ledger. */
    static final List<String> PREFIXES = List.of("0002_trusted/", "0003_refined/", LakeLayout.CONTROL + "ledger/");

    private TablesRebuild() {
    }

    /** What was cleared: objects per prefix, and the tables dropped from the catalog. */
    public record Result(List<String> lines) {
    }

    public static Result run(LakeContext lake, Clock clock) {
        return run(lake.lake(), lake.tables(), clock);
    }

    /** The same on the lake bucket {@code lake}, whose tables are catalogued in {@code tables}. */
    public static Result run(S3Bucket lake, LakeTablesReader tables, Clock clock) {
        List<String> lines = new ArrayList<>();
        try (FlowLock lock = FlowLock.acquire(lake, ProcessingFlow.NAME, "rebuild-tables-" + clock.millis(),
                Duration.ofMinutes(2), clock)) {
            for (LakeTable table : LakeTable.values()) {
                if (tables.drop(table)) {
                    lines.add("table " + table.tableName() + ": dropped from " + tables.describe());
                }
            }
            for (String prefix : PREFIXES) {
                List<String> keys = lake.list(prefix, true).stream().map(S3Entry::key).toList();
                lake.deleteAll(keys);
                lines.add(lake.uri(prefix) + ": " + keys.size() + " objects removed");
            }
        }
        lines.add("raw is untouched: run processing (e.g. lake run processing) to rebuild the tables from it");
        return new Result(List.copyOf(lines));
    }
}
