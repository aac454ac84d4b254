package com.podcartoes.lake.cli;

import com.podcartoes.lake.run.RunListener;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunState;
import java.io.PrintWriter;
import java.time.Duration;

/** Prints run records as stages start and end: the CLI's view of what the console shows as progress. */
final class RunPrinter implements RunListener {
    private final PrintWriter out;

    RunPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void recordChanged(RunRecord record) {
        String stage = String.format("%-8s %-14s", record.stage(), record.subject() == null ? "" : record.subject());
        String attempt = record.attempt() > 1 ? ", attempt " + record.attempt() : "";
        if (record.state() == RunState.RUNNING && record.stepId() != null) {
            out.printf("%s step      %s on %s%n", stage, record.stepId(), record.clusterId());
        } else if (record.state() == RunState.RUNNING) {
            out.printf("%s started   (run %s%s)%n", stage, record.runId(), attempt);
        } else if (record.state() == RunState.SKIPPED) {
            out.printf("%s SKIPPED   %s%n", stage, record.summary());
        } else {
            String took = formatDuration(Duration.between(record.startedAt(), record.endedAt()));
            out.printf("%s %-9s in %s: %s%n", stage, record.state(), took,
                    record.state() == RunState.SUCCEEDED ? record.summary()
                            : record.state() == RunState.SUCCEEDED_WITH_WARNINGS
                            ? record.summary() + "; WARNINGS: " + record.error() : record.error());
        }
        out.flush();
    }

    void finished(String runId, boolean succeeded) {
        out.printf("run %s %s%n", runId, succeeded ? "succeeded" : "failed: retry with the same command once the"
                + " cause is fixed; finished work is not redone");
        out.flush();
    }

    static String formatDuration(Duration duration) {
        long millis = duration.toMillis();
        return millis < 60_000 ? String.format("%.1f s", millis / 1000.0)
                : String.format("%d min %02d s", millis / 60_000, (millis / 1000) % 60);
    }
}
