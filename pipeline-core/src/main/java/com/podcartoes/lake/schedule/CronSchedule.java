package com.podcartoes.lake.schedule;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}) as crontab(5) reads it:
 * {@code *}, numbers, ranges {@code a-b}, lists {@code a,b}, steps {@code * /n} and {@code a-b/n}; day of week 0-7
 * (0 and 7 are Sunday). When both day fields are restricted, a day matches either (crontab's rule).
 */
public final class CronSchedule {
    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronSchedule(String expression, String[] fields) {
        this.expression = expression;
        minutes = field(fields[0], 0, 59, "minute");
        hours = field(fields[1], 0, 23, "hour");
        daysOfMonth = field(fields[2], 1, 31, "day of month");
        months = field(fields[3], 1, 12, "month");
        BitSet week = field(fields[4], 0, 7, "day of week");
        if (week.get(7)) {
            week.set(0);
        }
        daysOfWeek = week;
        dayOfMonthRestricted = !fields[2].equals("*");
        dayOfWeekRestricted = !fields[4].equals("*");
    }

    /** @throws IllegalArgumentException naming the field and what is wrong with it */
    public static CronSchedule parse(String expression) {
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("a cron expression has 5 fields (minute hour day-of-month month"
                    + " day-of-week), got " + fields.length + " in '" + expression + "'");
        }
        return new CronSchedule(expression.trim(), fields);
    }

    public String expression() {
        return expression;
    }

    /** The first time strictly after {@code after} (to the minute) that the schedule fires. */
    public ZonedDateTime next(ZonedDateTime after) {
        ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = after.plusYears(5); // e.g. "0 0 30 2 *" never fires
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.withHour(0).withMinute(0).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.withMinute(0).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return t;
            }
        }
        throw new IllegalArgumentException("the cron expression '" + expression + "' never fires");
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    private static BitSet field(String text, int min, int max, String name) {
        BitSet values = new BitSet(max + 1);
        for (String part : text.split(",")) {
            try {
                int step = 1;
                String range = part;
                int slash = part.indexOf('/');
                if (slash >= 0) {
                    step = Integer.parseInt(part.substring(slash + 1));
                    range = part.substring(0, slash);
                    if (step < 1) {
                        throw new IllegalArgumentException("a step must be at least 1");
                    }
                }
                int from;
                int to;
                if (range.equals("*")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    from = Integer.parseInt(range.substring(0, range.indexOf('-')));
                    to = Integer.parseInt(range.substring(range.indexOf('-') + 1));
                } else {
                    from = Integer.parseInt(range);
                    to = slash >= 0 ? max : from;
                }
                if (from < min || to > max || from > to) {
                    throw new IllegalArgumentException("out of range " + min + "-" + max);
                }
                for (int v = from; v <= to; v += step) {
                    values.set(v);
                }
            } catch (IllegalArgumentException e) {
                String why = e instanceof NumberFormatException ? "not a number" : e.getMessage();
                throw new IllegalArgumentException("bad " + name + " field '" + text + "' (" + part + ": " + why
                        + ")");
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return expression;
    }
}
