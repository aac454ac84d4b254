package com.podcartoes.lake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.compute.ClusterState;
import com.podcartoes.lake.compute.LogStream;
import com.podcartoes.lake.compute.StepInfo;
import com.podcartoes.lake.compute.StepSpec;
import com.podcartoes.lake.compute.StepState;
import com.podcartoes.lake.compute.StepWatch;
import com.podcartoes.lake.json.Json;
import com.podcartoes.lake.testing.TestLakes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The local backend with real child JVMs running the spark-jobs entry points. */
class LocalSparkRunnerTest {
    private static final StepWatch.Backoff FAST = new StepWatch.Backoff(Duration.ofMillis(100), 1.5,
            Duration.ofMillis(500));
    private final Path home = TestLakes.newLakeHome("local-runner");
    private final Path lakeDir = home.resolve("s3/pod-lake");
    private final LocalSparkRunner runner = new LocalSparkRunner(LocalSparkRunner.defaultSparkJobsDir(), "local[1]",
            "512m", null, lakeDir, Clock.systemUTC());

    private StepSpec book(String... extra) {
        List<String> args = new ArrayList<>(List.of("--lake", runner.lakeUri(), "--run-id", "test"));
        args.addAll(com.podcartoes.lake.layout.LakeCatalog.sqlite(home.resolve("catalog.db"), "pod_lake")
                .arguments());
        args.addAll(List.of(extra));
        return new StepSpec("book", "com.podcartoes.lake.jobs.book.BookMain", args);
    }

    @Test
    void aFailedJobIsAFailedStepWithItsReasonAndReadableLogsInEmrsLayout() throws Exception {
        Files.createDirectories(lakeDir);
        String cluster = runner.acquireCluster("test flow");
        StepInfo step = runner.addStep(cluster, book());
        List<StepState> seen = new ArrayList<>();

        StepInfo ended = StepWatch.await(runner, cluster, step.id(), FAST, s -> seen.add(s.state()));

        assertThat(seen).containsExactly(StepState.RUNNING, StepState.FAILED);
        assertThat(ended.failureReason()).startsWith("no invoices in ").contains("run the trusted job first");
        assertThat(runner.log(cluster, step.id(), LogStream.STDERR)).get().asString()
                .contains("FAILED: no invoices in");
        assertThat(runner.log(cluster, step.id(), LogStream.CONTROLLER)).get().asString()
                .contains("startExec").contains("Step FAILED with exit code 1");
        assertThat(lakeDir.resolve("0004_logs/" + cluster + "/steps/" + step.id() + "/stderr.gz")).exists();

        runner.releaseCluster(cluster);
        assertThat(runner.clusters()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(cluster);
            assertThat(c.state()).isEqualTo(ClusterState.TERMINATED);
            assertThat(c.stateReason()).isEqualTo("released by its flow");
        });
        assertThat(runner.steps(cluster)).extracting(StepInfo::state).containsExactly(StepState.FAILED);
    }

    @Test
    void cancellingAStepKillsItsJvm() {
        String cluster = runner.acquireCluster("test flow");
        StepInfo step = runner.addStep(cluster, book("--ref", "202401"));

        runner.cancelStep(cluster, step.id());
        StepInfo ended = StepWatch.await(runner, cluster, step.id(), FAST, s -> { });

        assertThat(ended.state()).isEqualTo(StepState.CANCELLED);
        assertThat(runner.log(cluster, step.id(), LogStream.CONTROLLER)).get().asString()
                .contains("Step CANCELLED");
    }

    @Test
    void aStepWhoseProcessVanishedUnrecordedIsInterrupted() throws Exception {
        String cluster = runner.acquireCluster("test flow");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path dir = runner.stepDir(cluster, "s-CRASHED");
        Files.createDirectories(dir);
        StepInfo running = new StepInfo("s-CRASHED", cluster, "trusted", "x", List.of(), StepState.RUNNING,
                java.time.Instant.now(), java.time.Instant.now(), null, null, null, null);
        Files.write(dir.resolve("step.json"), Json.write(new LocalSparkRunner.LocalStep(running, gone.pid(), false,
                gone.pid(), null, null)));

        StepInfo step = runner.step(cluster, "s-CRASHED");

        assertThat(step.state()).isEqualTo(StepState.INTERRUPTED);
        assertThat(step.failureReason()).contains("ended unobserved");
    }

    @Test
    void aCancelNeverKillsAProcessThatReusedTheJobsPid() throws Exception {
        String cluster = runner.acquireCluster("test flow");
        Process stranger = new ProcessBuilder("sleep", "60").start(); // took the pid of a job that crashed
        try {
            java.time.Instant strangerStart = stranger.toHandle().info().startInstant().orElseThrow();
            Path dir = runner.stepDir(cluster, "s-REUSED");
            Files.createDirectories(dir);
            StepInfo running = new StepInfo("s-REUSED", cluster, "book", "x", List.of(), StepState.RUNNING,
                    java.time.Instant.now(), java.time.Instant.now(), null, null, null, null);
            java.time.Instant jobStart = strangerStart.minusSeconds(3600); // the job started an hour before it
            Files.write(dir.resolve("step.json"), Json.write(new LocalSparkRunner.LocalStep(running, stranger.pid(),
                    false, stranger.pid(), jobStart, jobStart)));

            assertThat(runner.step(cluster, "s-REUSED").state()).isEqualTo(StepState.INTERRUPTED);
            runner.cancelStep(cluster, "s-REUSED");
            Thread.sleep(300);
            assertThat(stranger.isAlive()).as("the unrelated process").isTrue();

            // Even with the recorded start time, a process that is not a JVM is no job.
            Files.write(dir.resolve("step.json"), Json.write(new LocalSparkRunner.LocalStep(running, stranger.pid(),
                    false, ProcessHandle.current().pid(), strangerStart,
                    ProcessHandle.current().info().startInstant().orElse(null))));
            runner.cancelStep(cluster, "s-REUSED");
            Thread.sleep(300);
            assertThat(stranger.isAlive()).as("a process that is not a job JVM").isTrue();

            // The recorded process, its start time, a JVM: cancel stops it.
            Process job = javaThatSleeps(dir);
            try {
                java.time.Instant jobStarted = job.toHandle().info().startInstant().orElseThrow();
                Files.write(dir.resolve("step.json"), Json.write(new LocalSparkRunner.LocalStep(running, job.pid(),
                        false, job.pid(), jobStarted, jobStarted)));
                assertThat(runner.step(cluster, "s-REUSED").state()).isEqualTo(StepState.RUNNING);
                runner.cancelStep(cluster, "s-REUSED");
                assertThat(job.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            } finally {
                job.destroyForcibly();
            }
        } finally {
            stranger.destroyForcibly();
        }
    }

    @Test
    void aStepThatDoesNotEndInTimeIsCancelledAndSaysSo() throws Exception {
        String cluster = runner.acquireCluster("test flow");
        Path dir = runner.stepDir(cluster, "s-HUNG");
        Files.createDirectories(dir);
        Process hung = javaThatSleeps(dir); // a job that never ends
        try {
            java.time.Instant started = hung.toHandle().info().startInstant().orElseThrow();
            StepInfo running = new StepInfo("s-HUNG", cluster, "book", "x", List.of(), StepState.RUNNING,
                    java.time.Instant.now(), java.time.Instant.now(), null, null, null, null);
            Files.write(dir.resolve("step.json"), Json.write(new LocalSparkRunner.LocalStep(running, hung.pid(),
                    false, ProcessHandle.current().pid(), started,
                    ProcessHandle.current().info().startInstant().orElse(null))));

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> StepWatch.await(runner, cluster, "s-HUNG", FAST,
                            Duration.ofMillis(400), s -> { }))
                    .hasMessage("step s-HUNG on " + cluster + " did not end within 400 ms"
                            + " (processing.stepTimeoutMinutes): it was cancelled");
            assertThat(hung.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("the hung job stopped").isTrue();
        } finally {
            hung.destroyForcibly();
        }
    }

    /** A JVM that does nothing for a minute: what a hung job looks like from outside. */
    private static Process javaThatSleeps(Path dir) throws java.io.IOException {
        Path sleeper = Files.writeString(dir.resolve("Sleep.java"),
                "class Sleep { public static void main(String[] a) throws Exception { Thread.sleep(60_000); } }");
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                sleeper.toString()).start();
    }
}
