package com.podcartoes.lake.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.podcartoes.lake.json.Json;
import com.podcartoes.lake.run.RunRecord;
import com.podcartoes.lake.run.RunRecordStore;
import com.podcartoes.lake.run.RunState;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.testing.LocalS3;
import com.podcartoes.lake.testing.TestLakes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The flow lock in a real (embedded) S3 bucket: one run at a time, a crashed run's lease expires. */
class FlowLockTest {
    private final LocalS3 s3 = new LocalS3(TestLakes.newLakeHome("lock"));
    private final S3Bucket lake;

    FlowLockTest() {
        s3.start();
        lake = s3.bucket("pod-lake");
    }

    @AfterEach
    void stop() {
        s3.close();
    }

    @Test
    void aSecondRunOfTheFlowIsRefusedWithWhoHoldsItUntilTheFirstEnds() {
        try (FlowLock first = FlowLock.acquire(lake, "processing", "run-1", Duration.ofMinutes(2),
                Clock.systemUTC())) {
            assertThat(first.takenOverFrom()).isEmpty();
            assertThatThrownBy(() -> FlowLock.acquire(lake, "processing", "run-2", Duration.ofMinutes(2),
                    Clock.systemUTC()))
                    .isInstanceOf(FlowBusyException.class)
                    .hasMessageContaining("processing is already running: run run-1 on ")
                    .hasMessageContaining("lake cancel run-1");
            // Another flow is not blocked.
            FlowLock.acquire(lake, "ingestion", "run-3", Duration.ofMinutes(2), Clock.systemUTC()).close();
        }
        assertThat(lake.head(FlowLock.key("processing"))).isEmpty();
        FlowLock.acquire(lake, "processing", "run-2", Duration.ofMinutes(2), Clock.systemUTC()).close();
    }

    @Test
    void theHolderRenewsItsLeaseWhileItRuns() throws Exception {
        try (FlowLock lock = FlowLock.acquire(lake, "processing", "run-1", Duration.ofMillis(600),
                Clock.systemUTC())) {
            Instant firstExpiry = FlowLock.holder(lake, "processing").orElseThrow().expiresAt();
            Thread.sleep(1_000);
            assertThat(FlowLock.holder(lake, "processing").orElseThrow().expiresAt()).isAfter(firstExpiry);
            assertThat(lock.lost()).isFalse();
        }
    }

    @Test
    void aCrashedRunsExpiredLeaseIsTakenOverAndItsRunningStagesMarkedInterrupted() {
        RunRecordStore store = new RunRecordStore(lake);
        Instant crashTime = Instant.parse("2026-11-24T08:00:00Z");
        // A run took the lock and started the Trusted layer, then its process died: the lock object stays as it
        // last wrote it, and its stage stays RUNNING.
        lake.putBytes(FlowLock.key("processing"), Json.write(new FlowLock.Lease("processing", "run-crashed",
                "other-host (pid 4242)", crashTime, crashTime.plus(Duration.ofMinutes(2)))), "application/json");
        store.save(new RunRecord("run-crashed", "processing", "trusted", null, RunState.RUNNING, crashTime, null, 0,
                0, 0, null, null, "host", "local-x", "s-1", 1));

        Clock later = Clock.fixed(crashTime.plus(Duration.ofMinutes(5)), ZoneOffset.UTC);
        java.util.List<String> cancelled = new java.util.ArrayList<>();
        String result = FlowRuns.locked(lake, store, "processing", "run-next", Duration.ofMinutes(2), later,
                new com.podcartoes.lake.run.Cancellation(), cancelled::add, () -> "resumed");

        assertThat(result).isEqualTo("resumed");
        assertThat(cancelled).containsExactly("run-crashed"); // its step is cancelled before the new run goes on
        RunRecord interrupted = store.all().stream().filter(r -> r.runId().equals("run-crashed")).findFirst()
                .orElseThrow();
        assertThat(interrupted.state()).isEqualTo(RunState.INTERRUPTED);
        assertThat(interrupted.error()).contains("stopped without finishing");
        assertThat(interrupted.endedAt()).isEqualTo(crashTime.plus(Duration.ofMinutes(5)));
        assertThat(lake.head(FlowLock.key("processing"))).isEmpty();
    }

    @Test
    void threadsStartingAtOnceGetExactlyOneWinnerEachRound() throws Exception {
        int racers = 6;
        int rounds = 15;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(racers);
        java.util.concurrent.CyclicBarrier tried = new java.util.concurrent.CyclicBarrier(racers);
        java.util.concurrent.atomic.AtomicIntegerArray winners = new java.util.concurrent.atomic.AtomicIntegerArray(
                rounds);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int r = 0; r < racers; r++) {
            String runId = "run-" + r;
            done.add(pool.submit(() -> {
                for (int round = 0; round < rounds; round++) {
                    start.await();
                    FlowLock lock = null;
                    try {
                        lock = FlowLock.acquire(lake, "race-" + round, runId, Duration.ofMinutes(2),
                                Clock.systemUTC());
                        winners.incrementAndGet(round);
                    } catch (FlowBusyException busy) {
                        // another racer won this round
                    }
                    tried.await(); // the winner holds the lock until every racer has tried
                    if (lock != null) {
                        lock.close();
                    }
                }
                return null;
            }));
        }
        for (var future : done) {
            future.get(2, java.util.concurrent.TimeUnit.MINUTES);
        }
        pool.shutdown();
        for (int round = 0; round < rounds; round++) {
            assertThat(winners.get(round)).as("winners of round %d", round).isEqualTo(1);
        }
    }

    @Test
    void processesStartingAtOnceGetExactlyOneWinnerEachRound() throws Exception {
        int racers = 3;
        int rounds = 4;
        long first = System.currentTimeMillis() + 8_000; // every JVM started and its S3 client warm by then
        java.util.List<Process> processes = new java.util.ArrayList<>();
        for (int r = 0; r < racers; r++) {
            processes.add(new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), LockRacer.class.getName(),
                    s3.endpoint().toString(), s3.credentials().accessKey(), s3.secretKey(), "pod-lake",
                    Long.toString(first), Integer.toString(rounds), "1500").redirectErrorStream(true).start());
        }
        int[] winners = new int[rounds];
        for (Process process : processes) {
            String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(out).isZero();
            for (int round = 0; round < rounds; round++) {
                assertThat(out).as("racer output").containsAnyOf(round + ":WON", round + ":BUSY");
                winners[round] += out.contains(round + ":WON") ? 1 : 0;
            }
        }
        assertThat(winners).containsOnly(1);
    }

    @Test
    void aHolderWhoseLeaseWasTakenOverKnowsItHasLostAndNeverOverwritesTheTakeover() {
        Instant now = Instant.now();
        FlowLock slow = FlowLock.acquire(lake, "processing", "run-slow", Duration.ofMinutes(2), Clock.systemUTC());
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        slow.onLost(() -> stopped.set(true));
        // Later than its lease: another run takes the lock over.
        Clock later = Clock.fixed(now.plus(Duration.ofMinutes(5)), ZoneOffset.UTC);
        try (FlowLock next = FlowLock.acquire(lake, "processing", "run-next", Duration.ofMinutes(10), later)) {
            assertThat(next.takenOverFrom()).map(FlowLock.Lease::runId).contains("run-slow");
            assertThat(slow.renew()).isFalse();
            assertThat(slow.lost()).isTrue();
            assertThat(stopped).isTrue();
            slow.close(); // releasing what it lost deletes nothing
            assertThat(FlowLock.holder(lake, "processing")).map(FlowLock.Lease::runId).contains("run-next");
        }
        assertThat(lake.head(FlowLock.key("processing"))).isEmpty();
    }

    @Test
    void aRenewalThatFailsIsTriedAgainAndTheLockIsKept() {
        try (FlowLock lock = FlowLock.acquire(lake, "processing", "run-1", Duration.ofMinutes(2),
                Clock.systemUTC())) {
            s3.stop();
            assertThat(lock.renew()).as("the lake unreachable: not lost").isTrue();
            s3.start();
            assertThat(lock.renew()).isTrue();
            assertThat(lock.lost()).isFalse();
        }
        assertThat(lake.head(FlowLock.key("processing"))).isEmpty();
    }
}
