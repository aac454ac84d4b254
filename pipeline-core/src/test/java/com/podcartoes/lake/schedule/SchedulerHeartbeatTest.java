package com.podcartoes.lake.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.testing.LocalS3;
import com.podcartoes.lake.testing.TestLakes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A running scheduler beats in the lake; a clean stop removes the beat, a dead one's beat grows old. */
class SchedulerHeartbeatTest {
    private final LocalS3 s3 = new LocalS3(TestLakes.newLakeHome("heartbeat"));

    @AfterEach
    void stop() {
        s3.close();
    }

    @Test
    void anyReaderCanTellWhetherASchedulerIsAlive() throws Exception {
        S3Bucket lake = s3.bucket("pod-lake");
        assertThat(SchedulerHeartbeat.read(lake)).isEmpty();
        SchedulerHeartbeat.Beat first;
        try (SchedulerHeartbeat beat = SchedulerHeartbeat.start(lake, Duration.ofMillis(200), Clock.systemUTC(),
                () -> List.of("ingestion at 2027-01-01T08:00-03:00[America/Sao_Paulo]"))) {
            first = SchedulerHeartbeat.read(lake).orElseThrow();
            assertThat(first.nextFires()).containsExactly("ingestion at 2027-01-01T08:00-03:00[America/Sao_Paulo]");
            assertThat(first.owner()).contains("(pid " + ProcessHandle.current().pid() + ")");
            assertThat(first.alive(Instant.now())).isTrue();
            Thread.sleep(700);
            SchedulerHeartbeat.Beat later = SchedulerHeartbeat.read(lake).orElseThrow();
            assertThat(later.beatAt()).isAfter(first.beatAt());
            assertThat(later.startedAt()).isEqualTo(first.startedAt());
        }
        assertThat(SchedulerHeartbeat.read(lake)).isEmpty();
        // A beat left by a scheduler that died reads as not alive once three intervals have passed.
        assertThat(first.alive(first.beatAt().plusMillis(599))).isTrue();
        assertThat(first.alive(first.beatAt().plusMillis(600))).isFalse();
    }
}
