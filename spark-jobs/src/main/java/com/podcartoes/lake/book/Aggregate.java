package com.podcartoes.lake.book;

/** How a measure is aggregated over a client's invoices of one class and window. */
public enum Aggregate {
    SUM, AVG, MIN, MAX;

    public String shortName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
