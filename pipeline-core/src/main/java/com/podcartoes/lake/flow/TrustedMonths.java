package com.podcartoes.lake.flow;

import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.s3.S3Entry;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The months the Trusted invoices cover ({@code ref=yyyyMM} partitions), and the reference months a book can be
 * built for: each of them and the month after the latest, which is the processing flow's default.
 */
public final class TrustedMonths {
    public static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    private TrustedMonths() {
    }

    /** The invoice months in trusted, oldest first: one delimited listing. */
    public static List<YearMonth> invoiceMonths(S3Bucket lake) {
        String prefix = LakeLayout.trustedPrefix(Subject.FATURAS);
        TreeSet<YearMonth> months = new TreeSet<>();
        for (S3Entry entry : lake.list(prefix, false)) {
            String name = entry.key().substring(prefix.length());
            if (entry.isPrefix() && name.startsWith("ref=") && name.endsWith("/")) {
                try {
                    months.add(YearMonth.parse(name.substring(4, name.length() - 1), MONTH));
                } catch (DateTimeParseException e) {
                    // not a month partition (e.g. a stray folder): not offered
                }
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
