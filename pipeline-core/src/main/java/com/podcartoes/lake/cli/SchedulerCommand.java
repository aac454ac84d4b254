package com.podcartoes.lake.cli;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.flow.ProcessingFlow;
import com.podcartoes.lake.ingestion.IngestionFlow;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.schedule.Scheduler;
import com.podcartoes.lake.schedule.SchedulerHeartbeat;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lake scheduler}: a daemon that runs the flows on their cron schedules ({@code schedule.*}); with
 * {@code --next}, prints when each fires next and exits.
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = {"Run the flows on their schedules (schedule.ingestion, schedule.processing) until stopped.",
                "A fire while the flow still runs is refused by the flow's lock and recorded as such."})
final class SchedulerCommand implements Callable<Integer> {
    @ParentCommand
    LakeCli root;

    @Option(names = "--next", description = "Print each flow's next fire time and exit.")
    boolean next;

    @Option(names = "--fires", defaultValue = "-1", paramLabel = "N", hidden = true,
            description = "Stop after launching N flows (tests).")
    int fires;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = root.spec.commandLine().getOut();
        Scheduler scheduler = Scheduler.forConfig(root.config(), Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()));
        if (next) {
            scheduler.nextFires().forEach(f -> out.printf("%-11s %-14s next at %s%n", f.flow(), f.schedule(),
                    f.at()));
            return 0;
        }
        try (LakeContext lake = root.openLake();
             SchedulerHeartbeat beat = SchedulerHeartbeat.start(lake.lake(), SchedulerHeartbeat.INTERVAL,
                     Clock.systemUTC(), () -> scheduler.nextFires().stream()
                             .map(f -> f.flow() + " at " + f.at()).toList())) {
            scheduler.run(flow -> launch(flow, out), fires, f -> {
                out.printf("scheduler: next %s at %s (%s)%n", f.flow(), f.at(), f.schedule());
                out.flush();
            });
        }
        return 0;
    }

    private void launch(String flow, PrintWriter out) {
        try {
            int code = switch (flow) {
                case IngestionFlow.NAME -> RunIngestionCommand.runIngestion(root, EnumSet.allOf(Subject.class),
                        EnumSet.allOf(IngestionFlow.StageName.class));
                case ProcessingFlow.NAME -> RunProcessingCommand.runProcessing(root, ProcessingFlow.Options.all(),
                        null);
                default -> throw new IllegalStateException("unknown flow " + flow);
            };
            out.printf("scheduler: %s %s%n", flow, code == 0 ? "succeeded" : "failed (see lake runs)");
        } catch (RuntimeException e) {
            // One failed fire must not stop the daemon: the run records and this line say what happened.
            out.printf("scheduler: %s not run: %s%n", flow, e.getMessage());
        }
    }
}
