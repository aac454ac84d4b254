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
 * with a lease the holder renews while it runs. Every write is conditional, so S3 itself decides races:
 * <ul>
 *   <li>the lock is created with {@code If-None-Match: *}: of runs starting at the same instant exactly one
 *       creates it, the others get 412 and are refused;</li>
 *   <li>an expired lease (a holder that crashed stopped renewing) is taken over with {@code If-Match} on the ETag
 *       that was read, so two runs cannot both take it over; the new holder learns whose run it was
 *       ({@link #takenOverFrom()}) to mark that run's stages INTERRUPTED;</li>
 *   <li>renewal and release use {@code If-Match} on the holder's own last ETag: a renewal never overwrites a
 *       takeover, and a holder that finds its lock taken knows it has {@link #lost()} it.</li>
 * </ul>
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
    private volatile String eTag;
    private volatile boolean lost;
    private volatile Runnable onLost = () -> { };

    private FlowLock(S3Bucket lake, String key, Lease lease, String eTag, Lease previous, Duration leaseTime,
                     Clock clock) {
        this.lake = lake;
        this.key = key;
        this.lease = lease;
        this.eTag = eTag;
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
        return lake.getVersioned(key(flow)).map(v -> Json.read(v.content(), Lease.class));
    }

    /**
     * Takes the flow's lock for {@code runId}.
     *
     * @throws FlowBusyException when another run holds it and its lease has not expired, or won the race for it
     */
    public static FlowLock acquire(S3Bucket lake, String flow, String runId, Duration leaseTime, Clock clock) {
        Instant now = clock.instant();
        Lease mine = new Lease(flow, runId, Hosts.processOwner(), now, now.plus(leaseTime));
        Optional<S3Bucket.Versioned> current = lake.getVersioned(key(flow));
        Lease previous = null;
        Optional<String> written;
        if (current.isEmpty()) {
            written = lake.putIfAbsent(key(flow), Json.write(mine), "application/json");
        } else {
            previous = Json.read(current.get().content(), Lease.class);
            if (previous.expiresAt().isAfter(now)) {
                throw busy(previous);
            }
            written = lake.putIfMatch(key(flow), Json.write(mine), "application/json", current.get().eTag());
        }
        if (written.isEmpty()) { // another run's conditional write landed first
            throw holder(lake, flow).map(FlowLock::busy).orElseGet(() -> new FlowBusyException(flow
                    + " was just taken and released by another run: start again"));
        }
        return new FlowLock(lake, key(flow), mine, written.get(), previous, leaseTime, clock);
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

    /** Called once, from the renewal thread, when the lock is found lost: the flow stops its work. */
    public void onLost(Runnable action) {
        this.onLost = action;
        if (lost) {
            action.run();
        }
    }

    /** Renews now (the heartbeat does it every third of the lease); false when the lock is lost. */
    synchronized boolean renew() {
        if (lost) {
            return false;
        }
        Lease renewed = new Lease(lease.flow(), lease.runId(), lease.owner(), lease.acquiredAt(),
                clock.instant().plus(leaseTime));
        Optional<String> written;
        try {
            written = lake.putIfMatch(key, Json.write(renewed), "application/json", eTag);
        } catch (RuntimeException e) {
            // The lake is unreachable for now: the next beat tries again, the lease covers a few misses; once it
            // has ended, another run may take over, which the next renewal finds out.
            if (!clock.instant().isBefore(lease.expiresAt())) {
                System.err.println("lake: the lock of " + lease.flow() + " could not be renewed before its lease"
                        + " ended (" + e.getMessage() + ")");
            }
            return true;
        }
        if (written.isEmpty()) {
            Optional<S3Bucket.Versioned> current = lake.getVersioned(key);
            Lease holder = current.map(v -> Json.read(v.content(), Lease.class)).orElse(null);
            if (holder != null && holder.runId().equals(lease.runId()) && holder.owner().equals(lease.owner())) {
                eTag = current.get().eTag(); // an earlier renewal landed though its answer was lost: still ours
                return true;
            }
            lost = true;
            heartbeat.shutdown();
            onLost.run();
            return false;
        }
        lease = renewed;
        eTag = written.get();
        return true;
    }

    @Override
    public synchronized void close() {
        heartbeat.shutdownNow();
        if (!lost) {
            lake.deleteIfMatch(key, eTag); // not if another run took it over meanwhile
        }
    }
}
