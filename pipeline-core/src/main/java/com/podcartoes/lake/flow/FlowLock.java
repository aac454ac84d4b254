package com.podcartoes.lake.flow;

import com.podcartoes.lake.json.Json;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.run.Hosts;
import com.podcartoes.lake.s3.S3Bucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run of a flow at a time, across machines: a lock object in the lake ({@code 0000_control/locks/<flow>.json})
 * with a lease the holder renews while it runs. A holder that crashed stops renewing; once its lease has expired the
 * next run takes the lock over and learns whose run it was ({@link #takenOverFrom()}), to mark that run's stages
 * INTERRUPTED. The lock is written, then read back: of two runs starting in the same instant, the one whose write
 * landed last wins and the other is refused.
 */
public final class FlowLock implements AutoCloseable {
    /** Who holds a flow's lock, until when. */
    public record Lease(String flow, String runId, String owner, Instant acquiredAt, Instant expiresAt) {
    }

    private final S3Bucket lake;
    private final String key;
    private final Duration leaseTime;
    private final Clock clock;
    private final Lease previous;
    private final ScheduledExecutorService heartbeat;
    private volatile Lease lease;
    private volatile boolean lost;

    private FlowLock(S3Bucket lake, String key, Lease lease, Lease previous, Duration leaseTime, Clock clock) {
        this.lake = lake;
        this.key = key;
        this.lease = lease;
        this.previous = previous;
        this.leaseTime = leaseTime;
        this.clock = clock;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "lock-" + lease.flow());
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, leaseTime.toMillis() / 3);
        heartbeat.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    public static String key(String flow) {
        return LakeLayout.CONTROL + "locks/" + flow + ".json";
    }

    /** The lock's current holder, if any (expired or not). */
    public static Optional<Lease> holder(S3Bucket lake, String flow) {
        if (lake.head(key(flow)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Json.read(lake.getBytes(key(flow)), Lease.class));
    }

    /**
     * Takes the flow's lock for {@code runId}.
     *
     * @throws FlowBusyException when another run holds it and its lease has not expired
     */
    public static FlowLock acquire(S3Bucket lake, String flow, String runId, Duration leaseTime, Clock clock) {
        Instant now = clock.instant();
        Optional<Lease> current = holder(lake, flow);
        if (current.isPresent() && current.get().expiresAt().isAfter(now)) {
            throw busy(current.get());
        }
        Lease mine = new Lease(flow, runId, Hosts.processOwner(), now, now.plus(leaseTime));
        lake.putBytes(key(flow), Json.write(mine), "application/json");
        Lease written = holder(lake, flow).orElseThrow();
        if (!written.runId().equals(runId)) {
            throw busy(written);
        }
        return new FlowLock(lake, key(flow), mine, current.orElse(null), leaseTime, clock);
    }

    private static FlowBusyException busy(Lease holder) {
        return new FlowBusyException(holder.flow() + " is already running: run " + holder.runId() + " on "
                + holder.owner() + " since " + holder.acquiredAt() + " (its lease ends at " + holder.expiresAt()
                + " unless renewed). Wait for it, or cancel it with 'lake cancel " + holder.runId() + "'.");
    }

    /** The run whose expired lease this lock replaced: it stopped without releasing (a crash), or empty. */
    public Optional<Lease> takenOverFrom() {
        return Optional.ofNullable(previous);
    }

    /** Whether another run took the lock over because this one failed to renew in time. */
    public boolean lost() {
        return lost;
    }

    private synchronized void renew() {
        try {
            Optional<Lease> current = holder(lake, lease.flow());
            if (current.isEmpty() || !current.get().runId().equals(lease.runId())) {
                lost = true;
                heartbeat.shutdown();
                return;
            }
            lease = new Lease(lease.flow(), lease.runId(), lease.owner(), lease.acquiredAt(),
                    clock.instant().plus(leaseTime));
            lake.putBytes(key, Json.write(lease), "application/json");
        } catch (RuntimeException e) {
            // The lake is unreachable for now: the next beat tries again, the lease covers a few misses.
        }
    }

    @Override
    public synchronized void close() {
        heartbeat.shutdownNow();
        Optional<Lease> current = holder(lake, lease.flow());
        if (current.isPresent() && current.get().runId().equals(lease.runId())) {
            lake.delete(key);
        }
    }
}
