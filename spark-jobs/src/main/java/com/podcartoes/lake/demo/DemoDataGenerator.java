package com.podcartoes.lake.demo;

import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.layout.RejectReason;
import com.podcartoes.lake.layout.SourceFileName;
import com.podcartoes.lake.layout.Subject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates source extracts shaped like PoD Cartões' real ones: invoices emitted on day 1 and due on day 10, a
 * minimum payment of 30 %, about 70 % of invoices paid once, payment dates from 9 days before to 29 days after the
 * due date. One invoice file per emission month and one payment file per payment month, named as the contract says.
 *
 * <p>Spark-free and storage-free: it writes local files, which pipeline-core uploads to the source bucket and the
 * Spark jobs' tests use as fixtures.
 *
 * <p>Every value of invoice {@code (client, n)} comes from a random stream seeded by {@code (seed, client, n)}, so
 * the output is the same for a seed whatever the order of generation, and files stream with constant memory.
 */
public final class DemoDataGenerator {
    private final DemoDataOptions options;

    public DemoDataGenerator(DemoDataOptions options) {
        this.options = options;
    }

    /** Writes the extracts under {@code dir} at their source-bucket keys ({@code ingestion/<subject>/...}). */
    public DemoDataSummary writeTo(Path dir) {
        List<DemoDataSummary.GeneratedFile> files = new ArrayList<>();
        for (int n = 1; n <= options.months(); n++) {
            files.add(writeInvoiceFile(dir, n));
        }
        for (YearMonth month = options.firstMonth(); !month.isAfter(lastPaymentMonth()); month = month.plusMonths(1)) {
            DemoDataSummary.GeneratedFile file = writePaymentFile(dir, month);
            if (file.records() > 0) {
                files.add(file);
            } else {
                delete(dir.resolve(file.key())); // no payment fell in that month: no extract
            }
        }
        return new DemoDataSummary(options, files);
    }

    // ---- the model -------------------------------------------------------------------------------------------

    record Invoice(long client, int n, LocalDate emission, LocalDate due, long valueCents, long minimumCents) {
        String id() {
            return client + "-" + n;
        }
    }

    record Payment(Invoice invoice, long id, LocalDate date, long cents) {
    }

    private YearMonth month(int n) {
        return options.firstMonth().plusMonths(n - 1L);
    }

    private SplittableRandom random(long client, int n) {
        long mixed = mix(options.seed() ^ mix(client * 0x9E3779B97F4A7C15L + n));
        return new SplittableRandom(mixed);
    }

    /** SplitMix64's finalizer: spreads nearby seeds over unrelated streams. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    Invoice invoice(long client, int n) {
        SplittableRandom rng = random(client, n);
        LocalDate emission = month(n).atDay(1);
        long value = 1_000 + rng.nextLong(6_999_000); // 10.00 to 70,000.00
        long minimum = (value * 30 + 50) / 100; // 30 %, rounded half up to the cent
        return new Invoice(client, n, emission, emission.plusDays(9), value, minimum);
    }

    List<Payment> payments(Invoice invoice) {
        // A second stream for the same invoice, so invoice values do not shift when payment rules change.
        SplittableRandom rng = random(invoice.client(), invoice.n()).split();
        if (rng.nextDouble() >= 0.70) {
            return List.of();
        }
        long total;
        double kind = rng.nextDouble();
        if (kind < 0.5) {
            total = invoice.valueCents();
        } else if (kind < 0.8) {
            total = invoice.minimumCents() + rng.nextLong(invoice.valueCents() - invoice.minimumCents() + 1);
        } else {
            total = 1 + rng.nextLong(Math.max(1, invoice.minimumCents()));
        }
        if (options.has(Mess.OVERPAYMENTS) && rng.nextDouble() < 0.03) {
            total = invoice.valueCents() + 1 + rng.nextLong(invoice.valueCents() / 5 + 1);
        }
        LocalDate date = invoice.due().plusDays(rng.nextInt(-9, 30));
        boolean late = options.has(Mess.LATE_PAYMENTS) && rng.nextDouble() < 0.03
                && month(invoice.n()).isBefore(options.lateMonth());
        if (late) {
            date = options.lateMonth().atDay(1 + rng.nextInt(20));
        }
        int instalments = options.has(Mess.MULTIPLE_PAYMENTS) && rng.nextDouble() < 0.10 && total >= 3
                ? 2 + rng.nextInt(2) : 1;
        List<Payment> payments = new ArrayList<>(instalments);
        long left = total;
        for (int i = 1; i <= instalments; i++) {
            long cents = i == instalments ? left : 1 + rng.nextLong(left - (instalments - i));
            left -= cents;
            // The real data names the payment of invoice n "PG-<client>-<n>"; instalments get n*10+i.
            long id = i == 1 ? invoice.n() : invoice.n() * 10L + i;
            payments.add(new Payment(invoice, id, date, cents));
            date = date.plusDays(1 + rng.nextInt(15));
        }
        return payments;
    }

    private YearMonth lastPaymentMonth() {
        // Payments run up to 29 days after a day-10 due date, instalments a few weeks more.
        YearMonth last = options.lastMonth().plusMonths(options.has(Mess.MULTIPLE_PAYMENTS) ? 2 : 1);
        return options.has(Mess.LATE_PAYMENTS) && options.lateMonth().isAfter(last) ? options.lateMonth() : last;
    }

    // ---- files -----------------------------------------------------------------------------------------------

    private DemoDataSummary.GeneratedFile writeInvoiceFile(Path dir, int n) {
        YearMonth month = month(n);
        try (ExtractWriter out = new ExtractWriter(dir, Subject.FATURAS, month)) {
            for (long client = 1; client <= options.clients(); client++) {
                Invoice invoice = invoice(client, n);
                out.valid(invoiceLine(invoice, invoice.valueCents()));
                out.maybeInjectInvalid(client, () -> invalidInvoices(out, n));
            }
            if (options.has(Mess.DUPLICATES) && n > 1) {
                for (long client = 1; client <= options.clients(); client++) {
                    SplittableRandom rng = random(client, n).split().split();
                    if (rng.nextDouble() < 0.01) {
                        Invoice previous = invoice(client, n - 1);
                        long value = rng.nextBoolean() ? previous.valueCents() : previous.valueCents() + 100;
                        out.resent(invoiceLine(previous, value));
                    }
                }
            }
            return out.finish();
        }
    }

    private DemoDataSummary.GeneratedFile writePaymentFile(Path dir, YearMonth month) {
        try (ExtractWriter out = new ExtractWriter(dir, Subject.PAGAMENTOS, month)) {
            int lastInvoice = (int) Math.min(options.months(),
                    options.firstMonth().until(month, java.time.temporal.ChronoUnit.MONTHS) + 1);
            for (long client = 1; client <= options.clients(); client++) {
                for (int n = 1; n <= lastInvoice; n++) {
                    for (Payment payment : payments(invoice(client, n))) {
                        if (YearMonth.from(payment.date()).equals(month)) {
                            out.valid(paymentLine(payment, payment.cents()));
                        }
                    }
                }
                int invoicesSoFar = lastInvoice;
                out.maybeInjectInvalid(client, () -> invalidPayments(out, invoicesSoFar));
            }
            if (options.has(Mess.DUPLICATES) && month.isAfter(options.firstMonth())) {
                resendPayments(out, month.minusMonths(1), lastInvoice);
            }
            return out.finish();
        }
    }

    private void resendPayments(ExtractWriter out, YearMonth previousMonth, int lastInvoice) {
        for (long client = 1; client <= options.clients(); client++) {
            SplittableRandom rng = random(client, -previousMonth.getMonthValue()).split();
            if (rng.nextDouble() >= 0.01) {
                continue;
            }
            for (int n = 1; n <= lastInvoice; n++) {
                for (Payment payment : payments(invoice(client, n))) {
                    if (YearMonth.from(payment.date()).equals(previousMonth)) {
                        long cents = rng.nextBoolean() ? payment.cents() : payment.cents() + 100;
                        out.resent(paymentLine(payment, cents));
                    }
                }
            }
        }
    }

    private String invoiceLine(Invoice invoice, long valueCents) {
        return String.join(",", invoice.id(), Long.toString(invoice.client()), invoice.emission().toString(),
                invoice.due().toString(), money(valueCents, invoice.client() + invoice.n()),
                money(invoice.minimumCents(), invoice.client() * 3 + invoice.n()));
    }

    private String paymentLine(Payment payment, long cents) {
        Invoice invoice = payment.invoice();
        return String.join(",", "PG-" + invoice.client() + "-" + payment.id(), invoice.id(),
                Long.toString(invoice.client()), payment.date().toString(), money(cents, payment.id() + invoice.client()));
    }

    /** Amounts as the source writes them ({@code 4393.7}); with comma decimals, one in ten as {@code "4393,7"}. */
    private String money(long cents, long salt) {
        String text = formatCents(cents);
        if (options.has(Mess.COMMA_DECIMALS) && Math.floorMod(mix(salt ^ options.seed()), 10) == 0) {
            return "\"" + text.replace('.', ',') + "\"";
        }
        return text;
    }

    static String formatCents(long cents) {
        String sign = cents < 0 ? "-" : "";
        long abs = Math.abs(cents);
        long units = abs / 100;
        long fraction = abs % 100;
        String decimals = fraction % 10 == 0 ? Long.toString(fraction / 10) : String.format("%02d", fraction);
        return sign + units + "." + decimals;
    }

    // ---- invalid rows: one of each reason, on client ids above the real ones so no valid key is touched ----

    private void invalidInvoices(ExtractWriter out, int n) {
        long c = options.clients() + out.nextInvalidClient();
        String e = month(n).atDay(1).toString();
        String d = month(n).atDay(10).toString();
        out.invalid(RejectReason.MALFORMED_LINE, c + "-" + n + "," + c + "," + e + "," + d);
        out.invalid(RejectReason.MISSING_KEY, "," + c + "," + e + "," + d + ",100.0,30.0");
        out.invalid(RejectReason.BAD_ID, "x" + c + "-n" + n + "," + c + "," + e + "," + d + ",100.0,30.0");
        out.invalid(RejectReason.BAD_DATE, c + "-" + (n + 1000) + "," + c + "," + month(n) + "-32," + d + ",100.0,30.0");
        out.invalid(RejectReason.BAD_AMOUNT, c + "-" + (n + 2000) + "," + c + "," + e + "," + d + ",12a.50,30.0");
        out.invalid(RejectReason.NEGATIVE_AMOUNT, c + "-" + (n + 3000) + "," + c + "," + e + "," + d + ",-15.5,30.0");
        out.invalid(RejectReason.DUE_BEFORE_EMISSION, c + "-" + (n + 4000) + "," + c + "," + d + "," + e
                + ",100.0,30.0");
        out.invalid(RejectReason.DUPLICATE_IN_FILE, out.firstValidLine());
    }

    private void invalidPayments(ExtractWriter out, int lastInvoice) {
        long c = options.clients() + out.nextInvalidClient();
        String f = c + "-" + lastInvoice;
        String day = out.month().atDay(15).toString();
        out.invalid(RejectReason.MALFORMED_LINE, "PG-" + c + "-1," + f + "," + c + "," + day + ",10.0,extra");
        out.invalid(RejectReason.MISSING_KEY, "PG-" + c + "-2,," + c + "," + day + ",10.0");
        out.invalid(RejectReason.BAD_ID, "PG-" + c + "-x3," + f + "," + c + "," + day + ",10.0");
        out.invalid(RejectReason.BAD_DATE, "PG-" + c + "-4," + f + "," + c + ",15/" + out.month() + ",10.0");
        out.invalid(RejectReason.BAD_AMOUNT, "PG-" + c + "-5," + f + "," + c + "," + day + ",dez");
        out.invalid(RejectReason.NEGATIVE_AMOUNT, "PG-" + c + "-6," + f + "," + c + "," + day + ",-10.0");
        out.invalid(RejectReason.DUPLICATE_IN_FILE, out.firstValidLine());
    }

    /** Streams one extract to disk, counting what it writes. */
    private final class ExtractWriter implements AutoCloseable {
        private static final int INVALID_EVERY = 5_000;
        private final Subject subject;
        private final YearMonth month;
        private final Path file;
        private final String key;
        private final Writer writer;
        private final String newline;
        private final Map<RejectReason, Integer> injected = new EnumMap<>(RejectReason.class);
        private long records;
        private long resent;
        private long validSinceInjection;
        private int invalidClients;
        private String firstValid;

        ExtractWriter(Path dir, Subject subject, YearMonth month) {
            this.subject = subject;
            this.month = month;
            LocalDate dataDate = month.plusMonths(1).atDay(1);
            SourceFileName name = new SourceFileName(subject, dataDate, dataDate.plusDays(1).atStartOfDay());
            this.key = LakeLayout.sourceKey(name);
            this.file = dir.resolve(key);
            boolean windows = options.has(Mess.BOM_CRLF);
            this.newline = windows ? "\r\n" : "\n";
            try {
                Files.createDirectories(file.getParent());
                OutputStream stream = Files.newOutputStream(file);
                if (windows) {
                    stream.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                }
                this.writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
                writer.write(subject.header());
                writer.write(newline);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file, e);
            }
        }

        YearMonth month() {
            return month;
        }

        void valid(String line) {
            if (firstValid == null) {
                firstValid = line;
            }
            validSinceInjection++;
            write(line);
        }

        void resent(String line) {
            resent++;
            write(line);
        }

        void invalid(RejectReason reason, String line) {
            if (line == null) {
                return; // nothing valid yet to duplicate
            }
            injected.merge(reason, 1, Integer::sum);
            write(line);
        }

        String firstValidLine() {
            return firstValid;
        }

        int nextInvalidClient() {
            return ++invalidClients;
        }

        /** Injects a batch of invalid rows after every few thousand valid ones, and once at the end of a file. */
        void maybeInjectInvalid(long client, Runnable inject) {
            if (!options.has(Mess.INVALID_ROWS)) {
                return;
            }
            // A batch is 7 or 8 rows: never inject one into fewer than 1,000 valid rows (the 1 % reject limit).
            if (validSinceInjection >= INVALID_EVERY || (client == options.clients() && injected.isEmpty()
                    && validSinceInjection >= 1_000)) {
                validSinceInjection = 0;
                inject.run();
            }
        }

        private void write(String line) {
            try {
                writer.write(line);
                writer.write(newline);
                records++;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file, e);
            }
        }

        DemoDataSummary.GeneratedFile finish() {
            close();
            try {
                return new DemoDataSummary.GeneratedFile(subject, key, Files.size(file), records, resent,
                        Map.copyOf(injected));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }

        @Override
        public void close() {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file, e);
            }
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }
}
