package com.podcartoes.lake.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.podcartoes.lake.layout.RejectReason;
import com.podcartoes.lake.layout.SourceFileName;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.testing.TestDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DemoDataGeneratorTest {
    // What a clean row looks like in the real extracts (../shared/data) and must look like in ours.
    private static final Pattern PAYMENT_ROW =
            Pattern.compile("PG-(\\d+)-(\\d+),(\\d+)-(\\d+),(\\d+),(\\d{4}-\\d{2}-\\d{2}),(\\d+\\.\\d{1,2})");
    private static final Pattern INVOICE_ROW = Pattern.compile(
            "(\\d+)-(\\d+),(\\d+),(\\d{4}-\\d{2}-01),(\\d{4}-\\d{2}-10),(\\d+\\.\\d{1,2}),(\\d+\\.\\d{1,2})");

    private final Path dir = TestDirs.newDir("demo");

    private static List<String> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size());
    }

    private static List<String> allRows(Path dir, DemoDataSummary summary, Subject subject) throws IOException {
        List<String> rows = new java.util.ArrayList<>();
        for (DemoDataSummary.GeneratedFile file : summary.files(subject)) {
            rows.addAll(rows(dir.resolve(file.key())));
        }
        return rows;
    }

    @Test
    void cleanDataHasTheShapeOfTheRealExtracts() throws IOException {
        DemoDataOptions options = DemoDataOptions.defaults().withClients(2_000);
        DemoDataSummary summary = new DemoDataGenerator(options).writeTo(dir);

        // One invoice file per emission month, one payment file per payment month (one past the last), named
        // as the contract says and dated the day after the month they cover.
        assertThat(summary.files(Subject.FATURAS)).hasSize(13);
        assertThat(summary.files(Subject.PAGAMENTOS)).hasSize(14);
        assertThat(summary.files(Subject.FATURAS).get(0).key())
                .isEqualTo("ingestion/tb_faturas/tb_faturas_20230201_20230202000000.csv");
        for (DemoDataSummary.GeneratedFile file : summary.files()) {
            String name = Path.of(file.key()).getFileName().toString();
            assertThat(SourceFileName.parse(name)).map(SourceFileName::subject).contains(file.subject());
            assertThat(Files.readAllLines(dir.resolve(file.key())).get(0)).isEqualTo(file.subject().header());
            assertThat(Files.size(dir.resolve(file.key()))).isEqualTo(file.bytes());
        }

        Map<String, long[]> invoices = new HashMap<>(); // id -> value cents, due epoch day
        List<String> invoiceRows = allRows(dir, summary, Subject.FATURAS);
        assertThat(invoiceRows).hasSize(2_000 * 13);
        for (String row : invoiceRows) {
            var m = INVOICE_ROW.matcher(row);
            assertThat(m.matches()).as(row).isTrue();
            assertThat(m.group(1)).isEqualTo(m.group(3)); // id_fatura is <id_cliente>-<n>
            LocalDate emission = LocalDate.parse(m.group(4));
            assertThat(LocalDate.parse(m.group(5))).isEqualTo(emission.plusDays(9));
            long value = cents(m.group(6));
            assertThat(cents(m.group(7))).isEqualTo((value * 30 + 50) / 100);
            assertThat(YearMonth.from(emission)).isEqualTo(YearMonth.of(2023, 1).plusMonths(Long.parseLong(m.group(2)) - 1));
            invoices.put(m.group(1) + "-" + m.group(2), new long[] {value, LocalDate.parse(m.group(5)).toEpochDay()});
        }

        List<String> paymentRows = allRows(dir, summary, Subject.PAGAMENTOS);
        Set<String> paid = new HashSet<>();
        for (String row : paymentRows) {
            var m = PAYMENT_ROW.matcher(row);
            assertThat(m.matches()).as(row).isTrue();
            String invoiceId = m.group(3) + "-" + m.group(4);
            assertThat(m.group(1)).isEqualTo(m.group(5));
            assertThat(m.group(2)).isEqualTo(m.group(4)); // as in the real data: PG-<client>-<n> pays <client>-<n>
            long[] invoice = invoices.get(invoiceId);
            assertThat(invoice).as("invoice of " + row).isNotNull();
            long offset = LocalDate.parse(m.group(6)).toEpochDay() - invoice[1];
            assertThat(offset).isBetween(-9L, 29L);
            assertThat(cents(m.group(7))).isBetween(1L, invoice[0]);
            assertThat(paid.add(invoiceId)).as("one payment per invoice without mess").isTrue();
        }
        assertThat((double) paid.size() / invoices.size()).isBetween(0.68, 0.72);
    }

    @Test
    void paymentRowsLookLikeTheRealPaymentsExtract() throws IOException {
        Path real = TestDirs.realPayments();
        assumeThat(real).as("the real extract in ../shared/data").exists();
        List<String> lines = Files.readAllLines(real);
        assertThat(lines.get(0)).isEqualTo(Subject.PAGAMENTOS.header());
        assertThat(SourceFileName.parse(real.getFileName().toString())).isPresent();
        assertThat(lines.subList(1, lines.size())).allSatisfy(row -> assertThat(PAYMENT_ROW.matcher(row).matches())
                .as(row).isTrue());
    }

    @Test
    void sameSeedWritesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
        DemoDataOptions options = DemoDataOptions.defaults().withClients(300).withMonths(3).withAllMess();
        new DemoDataGenerator(options).writeTo(dir.resolve("a"));
        new DemoDataGenerator(options).writeTo(dir.resolve("b"));
        new DemoDataGenerator(options.withSeed(43)).writeTo(dir.resolve("c"));

        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir.resolve("a"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSize(3 + 4); // payments run a month past the last invoice (instalments no further here)
        for (Path a : files) {
            Path relative = dir.resolve("a").relativize(a);
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(relative))).as(relative.toString())
                    .isEqualTo(Files.readAllBytes(a));
            assertThat(Files.readAllBytes(dir.resolve("c").resolve(relative))).as(relative.toString())
                    .isNotEqualTo(Files.readAllBytes(a));
        }
    }

    @Test
    void messyDataCarriesEveryKindOfMess() throws IOException {
        DemoDataOptions options = DemoDataOptions.defaults().withClients(3_000).withMonths(4).withAllMess()
                .withPaymentsAfter(YearMonth.of(2023, 4));
        DemoDataSummary summary = new DemoDataGenerator(options).writeTo(dir);

        for (DemoDataSummary.GeneratedFile file : summary.files()) {
            byte[] bytes = Files.readAllBytes(dir.resolve(file.key()));
            assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertThat(text.split("\r\n", -1)).hasSize((int) file.records() + 2); // header, rows, final ""
            // Every reject reason at least once, at about 0.2 % per reason: well under the 1 % reject limit.
            Set<RejectReason> expected = EnumSet.allOf(RejectReason.class);
            expected.remove(RejectReason.LINE_TOO_LONG); // a megabyte line has no place in demo data: TrustedJobTest
            if (file.subject() == Subject.PAGAMENTOS) {
                expected.remove(RejectReason.DUE_BEFORE_EMISSION);
            }
            if (file.validRecords() >= 1_000) {
                assertThat(file.injected().keySet()).as(file.key()).isEqualTo(expected);
            }
            long invalid = file.records() - file.validRecords();
            assertThat((double) invalid / file.records()).as(file.key()).isLessThan(0.01);
        }
        List<String> invoiceRows = allRows(dir, summary, Subject.FATURAS);
        assertThat(invoiceRows).anyMatch(row -> row.matches(".*,\"\\d+,\\d{1,2}\".*")); // comma decimals, quoted
        assertThat(invoiceRows).contains(Files.readAllLines(dir.resolve(summary.files(Subject.FATURAS).get(0).key()))
                .get(1).replace("\uFEFF", "")); // first row sent again (duplicate in file)
        assertThat(summary.files(Subject.FATURAS).get(1).resent()).isBetween(10L, 60L); // ~1 % of 3,000

        Map<String, Integer> paymentsPerInvoice = new HashMap<>();
        Map<String, String> paymentDates = new HashMap<>();
        for (String row : allRows(dir, summary, Subject.PAGAMENTOS)) {
            String[] f = row.split(",");
            if (f.length == 5 && f[0].matches("PG-\\d+-\\d+") && f[1].matches("\\d+-\\d+")) {
                paymentsPerInvoice.merge(f[1] + "/" + f[0], 1, Integer::sum);
                paymentDates.put(f[0] + "/" + f[1], f[3]);
            }
        }
        long invoicesWithInstalments = paymentsPerInvoice.keySet().stream().map(k -> k.split("/")[0]).collect(
                java.util.stream.Collectors.groupingBy(k -> k, java.util.stream.Collectors.counting()))
                .values().stream().filter(n -> n > 1).count();
        assertThat(invoicesWithInstalments).isGreaterThan(100);
        // Late payments: invoices of January paid in April, after a reference date of 2023-04-01.
        long lateForJanuary = paymentDates.entrySet().stream()
                .filter(e -> e.getKey().endsWith("-1") && e.getValue().startsWith("2023-04")).count();
        assertThat(lateForJanuary).isGreaterThan(10);
        assertThat(ChronoUnit.DAYS.between(LocalDate.of(2023, 1, 10), LocalDate.of(2023, 4, 1))).isGreaterThan(29);
    }

    @Test
    void formatsAmountsLikeTheSourceSystem() {
        assertThat(DemoDataGenerator.formatCents(439370)).isEqualTo("4393.7");
        assertThat(DemoDataGenerator.formatCents(131811)).isEqualTo("1318.11");
        assertThat(DemoDataGenerator.formatCents(100000)).isEqualTo("1000.0");
        assertThat(DemoDataGenerator.formatCents(5)).isEqualTo("0.05");
        assertThat(DemoDataGenerator.formatCents(-1550)).isEqualTo("-15.5");
    }

    private static long cents(String amount) {
        return new java.math.BigDecimal(amount).movePointRight(2).longValueExact();
    }
}
