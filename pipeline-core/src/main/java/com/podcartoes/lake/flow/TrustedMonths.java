package com.podcartoes.lake.flow;

import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.tables.LakeTablesReader;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The months the Trusted invoices cover (the {@code ref} partitions of {@code tb_0001_fatura}), and the reference months a book can be
 * built for: each of them and the month after the latest, which is the processing flow's default.
 */
public final class TrustedMonths {
    public static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    private TrustedMonths() {
    }

    /** The invoice months in Trusted, oldest first: the {@code ref} partitions of its current snapshot. */
    public static List<YearMonth> invoiceMonths(LakeTablesReader tables) {
        TreeSet<YearMonth> months = new TreeSet<>();
        for (String ref : tables.partitionValues(LakeTable.TRUSTED_FATURAS, "ref")) {
            try {
                months.add(YearMonth.parse(ref, MONTH));
            } catch (DateTimeParseException e) {
                // not a month (the Trusted job only writes months): not offered
            }
        }
        return List.copyOf(months);
    }

    /** The default reference month of the book: the month after the latest invoices, if there are any. */
    public static Optional<YearMonth> defaultReference(List<YearMonth> invoiceMonths) {
        return invoiceMonths.isEmpty() ? Optional.empty()
                : Optional.of(invoiceMonths.get(invoiceMonths.size() - 1).plusMonths(1));
    }

    /** The reference months worth offering: every invoice month, then the default one. */
    public static List<YearMonth> referenceChoices(List<YearMonth> invoiceMonths) {
        List<YearMonth> choices = new ArrayList<>(invoiceMonths);
        defaultReference(invoiceMonths).ifPresent(choices::add);
        return choices;
    }
}
