package com.podcartoes.lake.demo;

import java.time.YearMonth;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the demo generator produces: {@code clients} x {@code months} invoices from {@code firstMonth}, with
 * about 70 % of them paid, deterministic for a given seed.
 *
 * @param paymentsAfter the month {@link Mess#LATE_PAYMENTS} moves late payments into; null for the last month
 */
public record DemoDataOptions(int clients, int months, YearMonth firstMonth, long seed, Set<Mess> mess,
                             YearMonth paymentsAfter) {
    public static final int DEFAULT_CLIENTS = 10_000;
    public static final int DEFAULT_MONTHS = 13;
    public static final YearMonth DEFAULT_FIRST_MONTH = YearMonth.of(2023, 1);
    public static final long DEFAULT_SEED = 42;

    public DemoDataOptions {
        if (clients < 1 || clients > 10_000_000) {
            throw new IllegalArgumentException("clients must be between 1 and 10,000,000, got " + clients);
        }
        if (months < 1 || months > 120) {
            throw new IllegalArgumentException("months must be between 1 and 120, got " + months);
        }
        mess = mess.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(mess));
        if (paymentsAfter != null && !paymentsAfter.isAfter(firstMonth)) {
            throw new IllegalArgumentException("payments-after month " + paymentsAfter
                    + " must come after the first month " + firstMonth);
        }
    }

    public static DemoDataOptions defaults() {
        return new DemoDataOptions(DEFAULT_CLIENTS, DEFAULT_MONTHS, DEFAULT_FIRST_MONTH, DEFAULT_SEED, Set.of(),
                null);
    }

    public DemoDataOptions withClients(int value) {
        return new DemoDataOptions(value, months, firstMonth, seed, mess, paymentsAfter);
    }

    public DemoDataOptions withMonths(int value) {
        return new DemoDataOptions(clients, value, firstMonth, seed, mess, paymentsAfter);
    }

    public DemoDataOptions withSeed(long value) {
        return new DemoDataOptions(clients, months, firstMonth, value, mess, paymentsAfter);
    }

    public DemoDataOptions withMess(Set<Mess> value) {
        return new DemoDataOptions(clients, months, firstMonth, seed, value, paymentsAfter);
    }

    public DemoDataOptions withAllMess() {
        return withMess(EnumSet.allOf(Mess.class));
    }

    public DemoDataOptions withPaymentsAfter(YearMonth value) {
        return new DemoDataOptions(clients, months, firstMonth, seed, mess, value);
    }

    public YearMonth lastMonth() {
        return firstMonth.plusMonths(months - 1L);
    }

    /** The month late payments land in: {@link #paymentsAfter} or, unset, the last month. */
    public YearMonth lateMonth() {
        return paymentsAfter != null ? paymentsAfter : lastMonth();
    }

    public boolean has(Mess kind) {
        return mess.contains(kind);
    }
}
