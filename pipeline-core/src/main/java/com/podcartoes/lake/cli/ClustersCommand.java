package com.podcartoes.lake.cli;

import com.podcartoes.lake.compute.ClusterInfo;
import com.podcartoes.lake.compute.SparkRunner;
import com.podcartoes.lake.compute.StepInfo;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.flow.SparkRunners;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lake clusters}: the backend's clusters (EMR: the last two weeks) and, with --steps, their steps. */
@Command(name = "clusters", mixinStandardHelpOptions = true, description = "List clusters and their steps.")
final class ClustersCommand implements Callable<Integer> {
    @ParentCommand
    LakeCli root;

    @Option(names = "--backend", paramLabel = "BACKEND",
            description = "local or emr (default: the profile's compute.backend).")
    String backend;

    @Option(names = "--steps", description = "Also list each cluster's steps.")
    boolean steps;

    @Option(names = "--limit", defaultValue = "10", paramLabel = "N", description = "How many clusters (default 10).")
    int limit;

    @Override
    public Integer call() {
        PrintWriter out = root.spec.commandLine().getOut();
        try (LakeContext lake = root.openLake()) {
            SparkRunner runner = SparkRunners.create(lake, backend);
            List<ClusterInfo> clusters = runner.clusters();
            if (clusters.isEmpty()) {
                out.println("no " + runner.backend() + " clusters yet");
                return 0;
            }
            out.printf("%-28s %-23s %-22s %8s %9s  %s%n", "CLUSTER", "STATE", "CREATED", "TIME", "COST USD",
                    "NAME");
            for (ClusterInfo c : clusters.stream().limit(limit).toList()) {
                String time = c.endedAt() == null || c.createdAt() == null ? ""
                        : RunPrinter.formatDuration(Duration.between(c.createdAt(), c.endedAt()));
                out.printf("%-28s %-23s %-22s %8s %9.2f  %s%s%n", c.id(), c.state(), c.createdAt(), time,
                        c.estimatedCostUsd(), c.name(), c.stateReason() == null ? "" : " (" + c.stateReason() + ")");
                if (steps) {
                    for (StepInfo s : runner.steps(c.id())) {
                        out.printf("    %-16s %-10s %-14s %s%s%n", s.id(), s.name(), s.state(), s.startedAt() == null
                                ? "" : s.startedAt(), s.failureReason() == null ? "" : "  " + s.failureReason());
                    }
                }
            }
        }
        return 0;
    }
}
