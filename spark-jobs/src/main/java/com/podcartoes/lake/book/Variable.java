package com.podcartoes.lake.book;

/**
 * One book variable: {@code VAR_<number>} = {@code aggregate(measure)} over the client's in-scope invoices of
 * {@code bookClass} inside {@code window}. Null when no invoice matches.
 */
public record Variable(int number, BookClass bookClass, Measure measure, Window window, Aggregate aggregate) {

    /**
     * How values are stored: money with 2 decimals, averages with 6, counts and days as integers. Precision 18 at
     * most, so that Parquet stores every decimal as a 64-bit integer (wider ones cost a BigInteger per value).
     */
    public enum Type {
        MONEY("DECIMAL(18,2)", 2), AVERAGE("DECIMAL(18,6)", 6), COUNT("BIGINT", 0), INTEGER("INT", 0);

        private final String sql;
        private final int scale;

        Type(String sql, int scale) {
            this.sql = sql;
            this.scale = scale;
        }

        public String sql() {
            return sql;
        }

        public int scale() {
            return scale;
        }
    }

    public String name() {
        return "VAR_" + number;
    }

    /** A self-explaining name, e.g. {@code sum_vlr_fatura_no_prazo_u3m}. */
    public String descriptiveName() {
        return aggregate.shortName() + "_" + measure.shortName() + "_" + bookClass.shortName() + "_"
                + window.shortName();
    }

    public Type type() {
        if (aggregate == Aggregate.AVG) {
            return Type.AVERAGE;
        }
        return switch (measure) {
            case FVL_VLR_FATURA -> Type.MONEY;
            case FVL_QTD_TRANSACAO -> Type.COUNT;
            default -> Type.INTEGER;
        };
    }

    /** One line a data scientist can read. */
    public String definition() {
        String what = switch (aggregate) {
            case SUM -> "Sum of the " + measure.meaning();
            case AVG -> "Average " + measure.meaning();
            case MIN -> "Smallest " + measure.meaning();
            case MAX -> "Largest " + measure.meaning();
        };
        if (measure == Measure.FVL_QTD_TRANSACAO) {
            what = "Number of invoices";
        }
        return what + " over the client's invoices " + bookClass.meaning() + " (" + bookClass.name() + "), "
                + window.meaning() + "; null when there is none.";
    }
}
