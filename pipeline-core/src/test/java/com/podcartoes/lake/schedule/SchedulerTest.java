package com.podcartoes.lake.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    private static ZonedDateTime at(String local) {
        return java.time.LocalDateTime.parse(local).atZone(SAO_PAULO);
    }

    @Test
    void theOriginalsMonthlySchedulesFireOnTheFirstAndTheFifthAtEight() {
        CronSchedule ingestion = CronSchedule.parse("0 8 1 * *");
        CronSchedule processing = CronSchedule.parse("0 8 5 * *");

        assertThat(ingestion.next(at("2026-11-24T10:00"))).isEqualTo(at("2026-12-01T08:00"));
        assertThat(ingestion.next(at("2026-12-01T07:59"))).isEqualTo(at("2026-12-01T08:00"));
        assertThat(ingestion.next(at("2026-12-01T08:00"))).isEqualTo(at("2027-01-01T08:00"));
        assertThat(processing.next(at("2026-12-31T23:59"))).isEqualTo(at("2027-01-05T08:00"));
    }

    @Test
    void theConsoleSeesEachFlowsNextFireTimesInOrder() {
        java.time.Clock clock = java.time.Clock.fixed(at("2026-11-24T10:00").toInstant(), SAO_PAULO);
        Scheduler scheduler = new Scheduler(List.of(
                new Scheduler.Entry("ingestion", CronSchedule.parse("0 8 1 * *")),
                new Scheduler.Entry("processing", CronSchedule.parse("0 8 5 * *"))), SAO_PAULO, clock, d -> { });
        List<Scheduler.Upcoming> upcoming = scheduler.upcoming(3);
        assertThat(upcoming).extracting(Scheduler.Upcoming::flow).containsExactly("ingestion", "processing");
        assertThat(upcoming.get(0).fires()).containsExactly(at("2026-12-01T08:00"), at("2027-01-01T08:00"),
                at("2027-02-01T08:00"));
        assertThat(upcoming.get(1).fires().get(0)).isEqualTo(at("2026-12-05T08:00"));
        assertThat(upcoming.get(1).zone()).isEqualTo(SAO_PAULO);
    }

    @Test
    void rangesListsStepsAndCrontabsRuleForTwoDayFields() {
        CronSchedule workHours = CronSchedule.parse("*/15 9-17 * * 1-5");
        assertThat(workHours.next(at("2026-11-27T17:50"))).isEqualTo(at("2026-11-30T09:00")); // Friday -> Monday
        assertThat(workHours.next(at("2026-11-30T09:00"))).isEqualTo(at("2026-11-30T09:15"));

        CronSchedule list = CronSchedule.parse("30 6,18 * 2,8 *");
        assertThat(list.next(at("2026-11-24T00:00"))).isEqualTo(at("2027-02-01T06:30"));

        // Day of month 13 OR a Friday (0/7 = Sunday, 5 = Friday).
        CronSchedule either = CronSchedule.parse("0 0 13 * 5");
        assertThat(either.next(at("2026-11-24T00:00"))).isEqualTo(at("2026-11-27T00:00"));
        assertThat(CronSchedule.parse("0 0 * * 7").next(at("2026-11-24T00:00"))).isEqualTo(at("2026-11-29T00:00"));
    }

    @Test
    void badExpressionsSayWhichFieldIsWrong() {
        assertThatThrownBy(() -> CronSchedule.parse("0 8 1 *")).hasMessageContaining("5 fields");
        assertThatThrownBy(() -> CronSchedule.parse("0 24 1 * *")).hasMessageContaining("bad hour field '24'")
                .hasMessageContaining("out of range 0-23");
        assertThatThrownBy(() -> CronSchedule.parse("x 8 1 * *")).hasMessageContaining("bad minute field 'x'");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *").next(at("2026-01-01T00:00")))
                .hasMessageContaining("never fires");
    }

    /** A clock the scheduler's sleeps move forward. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            now = start;
        }

        @Override
        public ZoneId getZone() {
            return SAO_PAULO;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theDaemonSleepsUntilEachFireAndLaunchesTheFlowsInOrder() throws Exception {
        MovingClock clock = new MovingClock(at("2026-11-24T10:00").toInstant());
        List<String> log = new ArrayList<>();
        Scheduler scheduler = new Scheduler(List.of(
                new Scheduler.Entry("ingestion", CronSchedule.parse("0 8 1 * *")),
                new Scheduler.Entry("processing", CronSchedule.parse("0 8 5 * *")),
                new Scheduler.Entry("hourly-check", CronSchedule.parse("0 8 1 12 *"))), SAO_PAULO, clock,
                d -> clock.now = clock.now.plus(d));

        assertThat(scheduler.nextFires()).extracting(Scheduler.NextFire::flow)
                .containsExactly("ingestion", "hourly-check", "processing");
        scheduler.run(flow -> {
            log.add(flow + " at " + ZonedDateTime.now(clock).withZoneSameInstant(SAO_PAULO).toLocalDateTime());
            clock.now = clock.now.plus(Duration.ofMinutes(3)); // the flow takes a while
        }, 3, next -> { });

        assertThat(log).containsExactly("ingestion at 2026-12-01T08:00", "hourly-check at 2026-12-01T08:03",
                "processing at 2026-12-05T08:00");
    }
}
