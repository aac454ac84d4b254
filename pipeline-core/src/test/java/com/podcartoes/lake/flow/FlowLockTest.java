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
        String result = FlowRuns.locked(lake, store, "processing", "run-next", Duration.ofMinutes(2), later,
                () -> "resumed");

        assertThat(result).isEqualTo("resumed");
        RunRecord interrupted = store.all().stream().filter(r -> r.runId().equals("run-crashed")).findFirst()
                .orElseThrow();
        assertThat(interrupted.state()).isEqualTo(RunState.INTERRUPTED);
        assertThat(interrupted.error()).contains("stopped without finishing");
        assertThat(interrupted.endedAt()).isEqualTo(crashTime.plus(Duration.ofMinutes(5)));
        assertThat(lake.head(FlowLock.key("processing"))).isEmpty();
    }
}
