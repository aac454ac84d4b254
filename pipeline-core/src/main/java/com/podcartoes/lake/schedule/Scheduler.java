package com.podcartoes.lake.schedule;

import com.podcartoes.lake.config.LakeConfig;
import com.podcartoes.lake.config.Setting;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fires flows on their cron schedules: sleeps until the earliest next fire time, runs that flow (a flow still
 * running from its previous fire is refused by its lock, which the runner reports), and goes on. A fire missed
 * while the scheduler was down is not replayed: the next run of a flow picks up whatever is pending anyway.
 */
public final class Scheduler {
    /** A flow and its schedule. */
    public record Entry(String flow, CronSchedule schedule) {
    }

    /** When a flow fires next. */
    public record NextFire(String flow, CronSchedule schedule, ZonedDateTime at) {
    }

    /** Runs a flow by name; returns normally even when the run fails (it is recorded in the lake). */
    public interface FlowLauncher {
        void launch(String flow);
    }

    /** Waits; tests pass one that moves a clock instead. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final List<Entry> entries;
    private final ZoneId zone;
    private final Clock clock;
    private final Sleeper sleeper;

    public Scheduler(List<Entry> entries, ZoneId zone, Clock clock, Sleeper sleeper) {
        this.entries = List.copyOf(entries);
        this.zone = zone;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The profile's schedules: ingestion, then processing ({@code schedule.*} settings). */
    public static Scheduler forConfig(LakeConfig config, Clock clock, Sleeper sleeper) {
        ZoneId zone;
        try {
            zone = ZoneId.of(config.get(Setting.SCHEDULE_TIME_ZONE));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("schedule.timeZone: " + e.getMessage());
        }
        return new Scheduler(List.of(
                new Entry("ingestion", parse(config, Setting.SCHEDULE_INGESTION)),
                new Entry("processing", parse(config, Setting.SCHEDULE_PROCESSING))),
                zone, clock, sleeper);
    }

    private static CronSchedule parse(LakeConfig config,
                                      Setting setting) {
        try {
            return CronSchedule.parse(config.get(setting));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting.key() + " (" + config.origin(setting) + "): "
                    + e.getMessage());
        }
    }

    /** Each flow's next fire time after now, soonest first (what the console shows). */
    public List<NextFire> nextFires() {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(zone);
        List<NextFire> fires = new ArrayList<>();
        for (Entry entry : entries) {
            fires.add(new NextFire(entry.flow(), entry.schedule(), entry.schedule().next(now)));
        }
        fires.sort(Comparator.comparing(NextFire::at));
        return fires;
    }

    /** A flow's schedule and its next fire times. */
    public record Upcoming(String flow, CronSchedule schedule, ZoneId zone, List<ZonedDateTime> fires) {
    }

    /** Each flow's next {@code count} fire times after now, in the configured order (what the console shows). */
    public List<Upcoming> upcoming(int count) {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(zone);
        List<Upcoming> all = new ArrayList<>();
        for (Entry entry : entries) {
            List<ZonedDateTime> fires = new ArrayList<>();
            ZonedDateTime at = now;
            for (int i = 0; i < count; i++) {
                at = entry.schedule().next(at);
                fires.add(at);
            }
            all.add(new Upcoming(entry.flow(), entry.schedule(), zone, List.copyOf(fires)));
        }
        return all;
    }

    /**
     * Runs until interrupted or {@code fires} flows have been launched (a negative count: forever).
     *
     * @param onWait told each time the scheduler goes to sleep, with what fires next
     */
    public void run(FlowLauncher launcher, int fires, Consumer<NextFire> onWait) throws InterruptedException {
        int launched = 0;
        while (fires < 0 || launched < fires) {
            NextFire next = nextFires().get(0);
            onWait.accept(next);
            Duration wait = Duration.between(clock.instant(), next.at().toInstant());
            if (!wait.isNegative()) {
                sleeper.sleep(wait);
            }
            // Everything due at this minute, in the configured order (ingestion before processing).
            for (NextFire fire : nextFiresAt(next.at())) {
                launcher.launch(fire.flow());
                launched++;
            }
        }
    }

    private List<NextFire> nextFiresAt(ZonedDateTime at) {
        List<NextFire> fires = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.schedule().next(at.minusMinutes(1)).equals(at)) {
                fires.add(new NextFire(entry.flow(), entry.schedule(), at));
            }
        }
        return fires;
    }
}
