package com.podcartoes.lake.flow;

import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Clients;
import com.podcartoes.lake.s3.S3Location;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One racer of {@link FlowLockTest}'s race between processes: at each agreed instant it tries to take that round's
 * lock, prints {@code <round>:WON} or {@code <round>:BUSY}, and a winner holds the lock until all have tried.
 * Arguments: endpoint, access key, secret key, bucket, first instant (epoch ms), rounds, round length (ms).
 */
public final class LockRacer {
    private LockRacer() {
    }

    public static void main(String[] args) throws Exception {
        S3Bucket lake = new S3Bucket(S3Clients.create(new S3Location("any", "us-east-1",
                Optional.of(java.net.URI.create(args[0])), Optional.empty()),
                S3Clients.staticCredentials(args[1], args[2])), args[3]);
        long first = Long.parseLong(args[4]);
        int rounds = Integer.parseInt(args[5]);
        long length = Long.parseLong(args[6]);
        // The first lock taken loads the SDK, Jackson and their classes: once, before the rounds, so that every
        // racer tries at the agreed instant and a late one cannot win a round the winner has already left.
        FlowLock.acquire(lake, "warm-up-" + ProcessHandle.current().pid(), "warm-up", Duration.ofMinutes(2),
                Clock.systemUTC()).close();
        for (int round = 0; round < rounds; round++) {
            long start = first + round * length;
            Thread.sleep(Math.max(0, start - System.currentTimeMillis()));
            try (FlowLock lock = FlowLock.acquire(lake, "race-" + round, "run-" + ProcessHandle.current().pid(),
                    Duration.ofMinutes(2), Clock.systemUTC())) {
                System.out.println(round + ":WON");
                Thread.sleep(Math.max(0, start + length - 100 - System.currentTimeMillis()));
            } catch (FlowBusyException e) {
                System.out.println(round + ":BUSY");
            }
        }
    }
}
