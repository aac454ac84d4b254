package com.podcartoes.lake.book;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.book.BookCalculator.BookRow;
import com.podcartoes.lake.book.BookCalculator.Invoice;
import com.podcartoes.lake.book.BookCalculator.Payment;
import com.podcartoes.lake.book.BookCalculator.StageRow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A hand-computed fixture: client 1 as of R = 2024-01 (D = 2024-01-01). The expected values are worked out in the
 * comments from the contract's rules, not produced by the code under test.
 */
class BookCalculatorTest {
    private static final YearMonth R = YearMonth.of(2024, 1);

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    private static final List<Invoice> INVOICES = List.of(
            new Invoice(1, d("2024-01-01"), d("2024-01-10"), 10_000),  // A: emitted on D, not yet due, unpaid
            new Invoice(2, d("2023-12-01"), d("2023-12-10"), 20_000),  // B: paid in full on the due date
            new Invoice(3, d("2023-10-01"), d("2023-10-10"), 30_000),  // C: paid 100.00 early
            new Invoice(4, d("2023-07-01"), d("2023-07-10"), 40_000),  // D: two late payments, 450.00 > 400.00
            new Invoice(5, d("2023-04-01"), d("2023-04-10"), 0),       // E: zero-value, unpaid
            new Invoice(6, d("2023-01-01"), d("2023-01-10"), 50_000),  // F: exactly 12 months; paid after D
            new Invoice(7, d("2022-12-01"), d("2022-12-10"), 60_000),  // G: 13 months before: out of scope
            new Invoice(8, d("2024-02-01"), d("2024-02-10"), 70_000),  // H: emitted after D: out of scope
            new Invoice(9, d("2023-11-01"), d("2023-11-10"), 20_000)); // I: 1.01 paid 2 days late
    private static final List<Payment> PAYMENTS = List.of(
            new Payment(2, 2, d("2023-12-10"), 20_000),
            new Payment(3, 3, d("2023-10-05"), 10_000),
            new Payment(4, 4, d("2023-07-20"), 15_000),
            new Payment(4, 42, d("2023-07-25"), 30_000),
            new Payment(6, 6, d("2024-01-15"), 50_000),
            new Payment(7, 7, d("2022-12-10"), 60_000),
            new Payment(9, 9, d("2023-11-12"), 101));

    private static BigDecimal var(BookRow row, int number) {
        return row.decimal(BookVariables.byNumber(number));
    }

    @Test
    void classifiesEachInvoiceAsOfD() {
        Map<Long, StageRow> stage = BookCalculator.stage(1, INVOICES, PAYMENTS, R).stream()
                .collect(Collectors.toMap(StageRow::idFatura, r -> r));

        assertThat(stage.keySet()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 9L);
        // id -> timing, amount, days late, % paid, months before D
        assertRow(stage.get(1L), BookClass.SEM_PAGAMENTO, BookClass.SEM_VALOR, -9, 0, 0);   // D - due = -9
        assertRow(stage.get(2L), BookClass.PAGAMENTO_NO_PRAZO, BookClass.VALOR_TOTAL, 0, 100, 1);
        assertRow(stage.get(3L), BookClass.PAGAMENTO_ANTECIPADO, BookClass.VALOR_PARCIAL, -1, 33, 3); // 33.3 %
        assertRow(stage.get(4L), BookClass.PAGAMENTO_EM_ATRASO, BookClass.VALOR_TOTAL, 15, 100, 6); // 07-25 - 07-10
        assertRow(stage.get(5L), BookClass.SEM_PAGAMENTO, BookClass.SEM_VALOR, 266, 0, 9);  // 2024-01-01 - 2023-04-10
        assertRow(stage.get(6L), BookClass.SEM_PAGAMENTO, BookClass.SEM_VALOR, 356, 0, 12); // paid after D: unpaid
        assertRow(stage.get(9L), BookClass.PAGAMENTO_EM_ATRASO, BookClass.VALOR_PARCIAL, 2, 1, 2); // 0.505 % -> 1
        assertThat(stage.get(4L).paidCents()).isEqualTo(45_000L);
        assertThat(stage.get(4L).lastPayment()).isEqualTo(d("2023-07-25"));
        assertThat(stage.get(6L).paidCents()).isNull();
    }

    private static void assertRow(StageRow row, BookClass timing, BookClass amount, int daysLate, int percent,
                                  int monthsBefore) {
        assertThat(row.timing()).as("timing of %d", row.idFatura()).isEqualTo(timing);
        assertThat(row.amount()).as("amount class of %d", row.idFatura()).isEqualTo(amount);
        assertThat(row.daysLate()).as("days late of %d", row.idFatura()).isEqualTo(daysLate);
        assertThat(row.percentPaid()).as("%% paid of %d", row.idFatura()).isEqualTo(percent);
        assertThat(row.monthsBefore()).as("months before D of %d", row.idFatura()).isEqualTo(monthsBefore);
    }

    @Test
    void aggregatesPerClassAndWindowWithNullsWhereNothingMatches() {
        BookRow row = BookCalculator.book(1, R, BookCalculator.stage(1, INVOICES, PAYMENTS, R));

        assertThat(var(row, 1)).isEqualByComparingTo("200.00");    // sum value, on time, ALL: B
        assertThat(var(row, 25)).isEqualByComparingTo("1");        // invoices on time, ALL
        // SEM_PAGAMENTO (VAR_133..198): A 100.00 (0 months), E 0.00 (9), F 500.00 (12)
        assertThat(var(row, 133)).isEqualByComparingTo("600.00");  // sum, ALL
        assertThat(var(row, 134)).isEqualByComparingTo("200.000000"); // avg, ALL
        assertThat(var(row, 135)).isEqualByComparingTo("0.00");    // min: the zero-value invoice
        assertThat(var(row, 136)).isEqualByComparingTo("500.00");  // max
        assertThat(var(row, 137)).isEqualByComparingTo("100.00");  // sum, U1M: A only
        assertThat(var(row, 149)).isEqualByComparingTo("100.00");  // sum, U9M: A and E
        assertThat(var(row, 150)).isEqualByComparingTo("50.000000"); // avg, U9M
        assertThat(var(row, 153)).isEqualByComparingTo("600.00");  // sum, U12M: F exactly 12 months back
        assertThat(var(row, 157)).isEqualByComparingTo("3");       // count, ALL
        assertThat(var(row, 161)).isEqualByComparingTo("2");       // count, U9M
        assertThat(var(row, 163)).isEqualByComparingTo("204.333333"); // avg days late: (-9 + 266 + 356) / 3
        assertThat(var(row, 164)).isEqualByComparingTo("-9");      // min days late (not yet due)
        assertThat(var(row, 165)).isEqualByComparingTo("356");
        // PAGAMENTO_EM_ATRASO (VAR_199..264): D 400.00 (6 months, 15 days, 100 %), I 200.00 (2, 2 days, 1 %)
        assertThat(var(row, 199)).isEqualByComparingTo("600.00");
        assertThat(var(row, 203)).isNull();                        // sum, U1M: none that recent
        assertThat(var(row, 207)).isEqualByComparingTo("200.00");  // sum, U3M: I
        assertThat(var(row, 223)).isEqualByComparingTo("2");
        assertThat(var(row, 229)).isEqualByComparingTo("8.500000"); // avg days late (15 + 2) / 2
        assertThat(var(row, 230)).isEqualByComparingTo("2");
        assertThat(var(row, 231)).isEqualByComparingTo("15");
        assertThat(var(row, 247)).isEqualByComparingTo("50.500000"); // avg % paid (100 + 1) / 2
        // PAGAMENTO_ANTECIPADO: C 300.00, 3 months back
        assertThat(var(row, 67)).isEqualByComparingTo("300.00");
        assertThat(var(row, 71)).isNull();
        assertThat(var(row, 75)).isEqualByComparingTo("300.00");
        assertThat(var(row, 97)).isEqualByComparingTo("-1.000000");
        // VALOR_TOTAL: B and D (the over-payment counts as total)
        assertThat(var(row, 265)).isEqualByComparingTo("600.00");
        assertThat(var(row, 295)).isEqualByComparingTo("7.500000");
        // VALOR_PARCIAL: C 33 % and I 1 %
        assertThat(var(row, 331)).isEqualByComparingTo("500.00");
        assertThat(var(row, 379)).isEqualByComparingTo("17.000000");
        assertThat(var(row, 380)).isEqualByComparingTo("1");
        assertThat(var(row, 381)).isEqualByComparingTo("33");
        assertThat(var(row, 462)).isEqualByComparingTo("0");       // max % paid, SEM_VALOR, U12M
    }

    @Test
    void aClientWithOnlyUnpaidInvoicesHasNullsNotZerosForPaidClasses() {
        List<Invoice> unpaid = List.of(new Invoice(1, d("2023-11-01"), d("2023-11-10"), 12_345));
        BookRow row = BookCalculator.book(2, R, BookCalculator.stage(2, unpaid, List.of(), R));

        assertThat(var(row, 1)).isNull();                          // nothing on time
        assertThat(var(row, 25)).isNull();                         // not even a count of 0
        assertThat(var(row, 133)).isEqualByComparingTo("123.45");
        assertThat(var(row, 265)).isNull();                        // nothing paid in full
        long present = java.util.stream.IntStream.range(0, 462).filter(i -> row.present()[i]).count();
        // SEM_PAGAMENTO and SEM_VALOR, windows ALL, U3M, U6M, U9M, U12M (2 months back: not U1M), 11 values each
        assertThat(present).isEqualTo(2 * 5 * 11);
    }

    @Test
    void roundsHalfUpAwayFromZero() {
        assertThat(BookCalculator.divideHalfUp(5, 2)).isEqualTo(3);
        assertThat(BookCalculator.divideHalfUp(-5, 2)).isEqualTo(-3);
        assertThat(BookCalculator.divideHalfUp(145_000_000, 3)).isEqualTo(48_333_333); // 48.333333, not 48.3333
        assertThat(BookCalculator.divideHalfUp(4, 3)).isEqualTo(1);
    }
}
