package com.podcartoes.lake.schedule;

import com.podcartoes.lake.json.Json;
import com.podcartoes.lake.run.Hosts;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.s3.S3Bucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A running {@code lake scheduler} says so in the lake ({@code 0000_control/scheduler/heartbeat.json}), beating at a
 * fixed interval, so that any console can tell whether the schedules will fire. A scheduler that stops cleanly
 * removes its heartbeat; one that died leaves a beat that grows old.
 */
public final class SchedulerHeartbeat implements AutoCloseable {
    public static final String KEY = LakeLayout.CONTROL + "scheduler/heartbeat.json";
    public static final Duration INTERVAL = Duration.ofSeconds(30);

    /** One beat: who runs the scheduler, since when, when it last beat and what it fires next. */
    public record Beat(String owner, Instant startedAt, Instant beatAt, long intervalMillis, List<String> nextFires) {
        public Beat {
            nextFires = nextFires == null ? List.of() : List.copyOf(nextFires);
        }

        /** Alive while its latest beat is younger than three intervals (a missed beat or two is not a death). */
        public boolean alive(Instant now) {
            return beatAt.plusMillis(3 * intervalMillis).isAfter(now);
        }
    }

    private final S3Bucket lake;
    private final ScheduledExecutorService beats;

    private SchedulerHeartbeat(S3Bucket lake, Duration interval, Clock clock, Supplier<List<String>> nextFires) {
        this.lake = lake;
        String owner = Hosts.processOwner();
        Instant started = clock.instant();
        this.beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "scheduler-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        Runnable beat = () -> {
            try {
                lake.putBytes(KEY, Json.write(new Beat(owner, started, clock.instant(), interval.toMillis(),
                        nextFires.get())), "application/json");
            } catch (RuntimeException e) {
                // the lake is unreachable for now; the next beat tries again, readers allow a few misses
            }
        };
        beat.run();
        beats.scheduleAtFixedRate(beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts beating now and every {@code interval} until closed. */
    public static SchedulerHeartbeat start(S3Bucket lake, Duration interval, Clock clock,
                                           Supplier<List<String>> nextFires) {
        return new SchedulerHeartbeat(lake, interval, clock, nextFires);
    }

    /** The latest beat of a scheduler on this lake, if one ever beat and has not stopped cleanly. */
    public static Optional<Beat> read(S3Bucket lake) {
        if (lake.head(KEY).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Json.read(lake.getBytes(KEY), Beat.class));
    }

    @Override
    public void close() {
        beats.shutdownNow();
        try {
            lake.delete(KEY);
        } catch (RuntimeException e) {
            // the beat then ages out, which readers report as a scheduler that stopped
        }
    }
}
