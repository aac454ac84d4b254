package com.podcartoes.lake.book;

/**
 * The look-back windows: an invoice is in window {@code UkM} when Spark's {@code months_between(D, dt_emissao)}
 * is at most k; {@code ALL} is every in-scope invoice.
 */
public enum Window {
    ALL(Integer.MAX_VALUE), U1M(1), U3M(3), U6M(6), U9M(9), U12M(12);

    private final int months;

    Window(int months) {
        this.months = months;
    }

    public int months() {
        return months;
    }

    public String shortName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The stage flag column of this window ({@code flg_u3m}); ALL has none. */
    public String flagColumn() {
        return this == ALL ? null : "flg_" + shortName();
    }

    public String meaning() {
        return this == ALL ? "all in-scope invoices (13 emission months up to D)"
                : "invoices emitted in the last " + months + (months == 1 ? " month" : " months") + " before D";
    }

    /**
     * Whether an invoice {@code monthsBefore} calendar months before D is in the window. For D on the first day of
     * a month, Spark's months_between(D, e) is the whole-month difference minus (day(e) - 1) / 31, so it is at most
     * k exactly when the whole-month difference is at most k.
     */
    public boolean contains(int monthsBefore) {
        return monthsBefore <= months;
    }
}
