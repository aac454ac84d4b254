package com.podcartoes.lake.book;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stage and book semantics of the data contract (section 4) for one client, in plain Java with exact integer
 * arithmetic (cents, days, micro-units for averages). The Spark job only brings each client's rows together and
 * calls this; tests check it against hand-computed values and against a plain-SQL formulation.
 */
public final class BookCalculator {
    private static final int CLASSES = BookClass.values().length;
    private static final Window[] WINDOW_VALUES = Window.values(); // values() copies the array on every call
    private static final int WINDOWS = WINDOW_VALUES.length;
    private static final int MEASURES = Measure.values().length;

    // The variable definitions, flattened once: each variable's accumulator slot, aggregate and averaging factor.
    private static final int VARIABLE_COUNT = BookVariables.ALL.size();
    private static final int[] ACCUMULATOR = new int[VARIABLE_COUNT];
    private static final Aggregate[] AGGREGATE = new Aggregate[VARIABLE_COUNT];
    private static final long[] AVERAGE_FACTOR = new long[VARIABLE_COUNT];

    static {
        for (int v = 0; v < VARIABLE_COUNT; v++) {
            Variable variable = BookVariables.ALL.get(v);
            ACCUMULATOR[v] = (variable.bookClass().ordinal() * WINDOWS + variable.window().ordinal()) * MEASURES
                    + variable.measure().ordinal();
            AGGREGATE[v] = variable.aggregate();
            AVERAGE_FACTOR[v] = variable.measure() == Measure.FVL_VLR_FATURA ? 10_000L : 1_000_000L;
        }
    }

    private BookCalculator() {
    }

    /** A deduplicated invoice of the client. */
    public record Invoice(long idFatura, LocalDate emission, LocalDate due, long valueCents)
            implements java.io.Serializable {
    }

    /** A deduplicated payment of the client. */
    public record Payment(long idFatura, long idPagamento, LocalDate date, long cents)
            implements java.io.Serializable {
    }

    /** One classified invoice as of D: a row of the stage table. {@code paidCents} and {@code lastPayment} are
     *  null without a considered payment. */
    public record StageRow(long idCliente, long idFatura, YearMonth ref, LocalDate emission, LocalDate due,
                           long valueCents, Long paidCents, LocalDate lastPayment, BookClass timing,
                           BookClass amount, int daysLate, int percentPaid, int monthsBefore) {
        public boolean inWindow(Window window) {
            return window.contains(monthsBefore);
        }
    }

    /** The book row of a client for one reference month: values by variable number - 1, scaled per type. */
    public record BookRow(long idCliente, YearMonth ref, long[] values, boolean[] present) {
        /** The value of a variable as an exact decimal, or null. */
        public java.math.BigDecimal decimal(Variable variable) {
            int i = variable.number() - 1;
            return present[i] ? java.math.BigDecimal.valueOf(values[i], variable.type().scale()) : null;
        }
    }

    /** The reference date D: the first day of the reference month. */
    public static LocalDate referenceDate(YearMonth ref) {
        return ref.atDay(1);
    }

    /**
     * Classifies the client's in-scope invoices as of D: emitted on or before D and in the 13 emission months
     * R-12..R; only payments made on or before D count (point-in-time: nothing after D leaks in).
     */
    public static List<StageRow> stage(long idCliente, List<Invoice> invoices, List<Payment> payments,
                                       YearMonth ref) {
        LocalDate d = referenceDate(ref);
        YearMonth firstMonth = ref.minusMonths(12);
        Map<Long, long[]> paid = new HashMap<>(); // idFatura -> {cents, latest epoch day}
        for (Payment payment : payments) {
            if (!payment.date().isAfter(d)) {
                paid.merge(payment.idFatura(), new long[] {payment.cents(), payment.date().toEpochDay()},
                        (a, b) -> new long[] {a[0] + b[0], Math.max(a[1], b[1])});
            }
        }
        List<StageRow> rows = new ArrayList<>();
        for (Invoice invoice : invoices) {
            YearMonth emitted = YearMonth.from(invoice.emission());
            if (invoice.emission().isAfter(d) || emitted.isBefore(firstMonth)) {
                continue;
            }
            long[] p = paid.get(invoice.idFatura());
            Long paidCents = p == null ? null : p[0];
            LocalDate last = p == null ? null : LocalDate.ofEpochDay(p[1]);
            BookClass timing;
            int daysLate;
            if (last == null) {
                timing = BookClass.SEM_PAGAMENTO;
                daysLate = (int) ChronoUnit.DAYS.between(invoice.due(), d);
            } else if (last.isEqual(invoice.due())) {
                timing = BookClass.PAGAMENTO_NO_PRAZO;
                daysLate = 0;
            } else if (last.isBefore(invoice.due())) {
                timing = BookClass.PAGAMENTO_ANTECIPADO;
                daysLate = -1;
            } else {
                timing = BookClass.PAGAMENTO_EM_ATRASO;
                daysLate = (int) ChronoUnit.DAYS.between(invoice.due(), last);
            }
            BookClass amount;
            int percent;
            if (paidCents == null) {
                amount = BookClass.SEM_VALOR;
                percent = 0;
            } else if (paidCents >= invoice.valueCents()) {
                amount = BookClass.VALOR_TOTAL;
                percent = 100;
            } else {
                amount = BookClass.VALOR_PARCIAL;
                percent = (int) divideHalfUp(paidCents * 100, invoice.valueCents());
            }
            int monthsBefore = (int) emitted.until(ref, ChronoUnit.MONTHS);
            rows.add(new StageRow(idCliente, invoice.idFatura(), ref, invoice.emission(), invoice.due(),
                    invoice.valueCents(), paidCents, last, timing, amount, daysLate, percent, monthsBefore));
        }
        return rows;
    }

    /** The 462 variables of one client and month from its stage rows (all of the same ref). */
    public static BookRow book(long idCliente, YearMonth ref, List<StageRow> rows) {
        // Accumulators per class, window and measure: sum, count, min, max.
        long[] sum = new long[CLASSES * WINDOWS * MEASURES];
        long[] count = new long[sum.length];
        long[] min = new long[sum.length];
        long[] max = new long[sum.length];
        java.util.Arrays.fill(min, Long.MAX_VALUE);
        java.util.Arrays.fill(max, Long.MIN_VALUE);
        long[] measures = new long[MEASURES];
        for (StageRow row : rows) {
            measures[Measure.FVL_VLR_FATURA.ordinal()] = row.valueCents();
            measures[Measure.FVL_QTD_TRANSACAO.ordinal()] = 1;
            measures[Measure.FVL_NUMERO_DIAS_ATRASO.ordinal()] = row.daysLate();
            measures[Measure.FVL_PERC_VLR_FATURA.ordinal()] = row.percentPaid();
            for (int c = 0; c < 2; c++) {
                BookClass bookClass = c == 0 ? row.timing() : row.amount();
                for (Window window : WINDOW_VALUES) {
                    if (!row.inWindow(window)) {
                        continue;
                    }
                    int base = (bookClass.ordinal() * WINDOWS + window.ordinal()) * MEASURES;
                    for (int m = 0; m < MEASURES; m++) {
                        int i = base + m;
                        sum[i] = Math.addExact(sum[i], measures[m]);
                        count[i]++;
                        min[i] = Math.min(min[i], measures[m]);
                        max[i] = Math.max(max[i], measures[m]);
                    }
                }
            }
        }
        long[] values = new long[VARIABLE_COUNT];
        boolean[] present = new boolean[VARIABLE_COUNT];
        for (int v = 0; v < VARIABLE_COUNT; v++) {
            int i = ACCUMULATOR[v];
            if (count[i] == 0) {
                continue; // null, not 0: no invoice of that class in that window
            }
            present[v] = true;
            values[v] = switch (AGGREGATE[v]) {
                case SUM -> sum[i];
                case MIN -> min[i];
                case MAX -> max[i];
                // To 6 decimals: money sums are in cents (scale 2), days and percentages are whole numbers.
                case AVG -> divideHalfUp(Math.multiplyExact(sum[i], AVERAGE_FACTOR[v]), count[i]);
            };
        }
        return new BookRow(idCliente, ref, values, present);
    }

    /** {@code numerator / denominator} rounded half up (away from zero on .5), for a positive denominator. */
    static long divideHalfUp(long numerator, long denominator) {
        long quotient = (Math.multiplyExact(Math.abs(numerator), 2L) + denominator) / (2 * denominator);
        return numerator < 0 ? -quotient : quotient;
    }
}
