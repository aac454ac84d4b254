package com.podcartoes.lake.jobs.trusted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.podcartoes.lake.demo.DemoDataGenerator;
import com.podcartoes.lake.demo.DemoDataOptions;
import com.podcartoes.lake.demo.DemoDataSummary;
import com.podcartoes.lake.demo.Mess;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.layout.SourceFileName;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.testing.RawLake;
import com.podcartoes.lake.testing.TestDirs;
import com.podcartoes.lake.testing.TestSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The Trusted jobs on real Spark (local[2], one session for the suite) over a lake directory. */
class TrustedJobTest {
    private final SparkSession spark = TestSpark.session();
    private final RawLake lake = new RawLake(TestDirs.newDir("trusted").resolve("pod-lake"));

    private TrustedJob job(Subject subject) {
        return new TrustedJob(spark, subject).lake(lake.uri()).catalog(lake.catalog()).dtProc("20261124100000").runId("run-1");
    }

    private Dataset<Row> table(Subject subject) {
        return TrustedJob.read(lake.tables(spark), subject, -1);
    }

    private static byte[] csv(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void messyGeneratedExtractsLandTypedWithEveryRejectAccountedFor() throws IOException {
        Path source = TestDirs.newDir("trusted-source");
        DemoDataSummary demo = new DemoDataGenerator(DemoDataOptions.defaults().withClients(1_200).withMonths(2)
                .withMess(EnumSet.of(Mess.INVALID_ROWS, Mess.BOM_CRLF, Mess.COMMA_DECIMALS, Mess.DUPLICATES)))
                .writeTo(source);
        demo.files(Subject.FATURAS).forEach(f -> lake.addRaw(source.resolve(f.key())));

        TrustedResult result = job(Subject.FATURAS).execute();

        assertThat(result.files()).hasSize(2);
        for (DemoDataSummary.GeneratedFile generated : demo.files(Subject.FATURAS)) {
            String file = Path.of(generated.key()).getFileName().toString();
            TrustedResult.FileReport report = result.files().stream().filter(r -> r.file().equals(file))
                    .findFirst().orElseThrow();
            Map<String, Long> expectedRejects = new HashMap<>();
            generated.injected().forEach((reason, n) -> expectedRejects.put(reason.name(), (long) n));
            assertThat(report.rejectedByReason()).as(file).isEqualTo(expectedRejects);
            assertThat(report.rowsRead()).isEqualTo(generated.records());
            assertThat(report.rowsWritten()).isEqualTo(generated.validRecords());
        }
        assertThat(result.rowsRejected()).isPositive();

        Dataset<Row> invoices = table(Subject.FATURAS);
        assertThat(invoices.count()).isEqualTo(result.rowsWritten());
        assertThat(invoices.schema().simpleString()).isEqualTo("struct<id_fatura:bigint,id_cliente:bigint,"
                + "dt_proc:string,ref:string,dt_emissao:date,dt_vencimento:date,vlr_fatura:decimal(14,2),"
                + "vlr_pagto_min:decimal(14,2),source_file:string>");
        // Invoice 1-1 as the generator wrote it, with exact decimals.
        Row first = invoices.filter("id_cliente = 1 and id_fatura = 1").collectAsList().get(0);
        String line = Files.readAllLines(source.resolve(demo.files(Subject.FATURAS).get(0).key())).get(1);
        String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        assertThat(first.getDecimal(6)).isEqualTo(new BigDecimal(f[4].replace("\"", "").replace(',', '.')).setScale(2));
        assertThat(first.getString(2)).isEqualTo("20261124100000");
        assertThat(first.getString(3)).isEqualTo("202301");
        assertThat(first.getDate(4).toLocalDate()).isEqualTo(LocalDate.of(2023, 1, 1));
        assertThat(first.getString(8)).isEqualTo("tb_faturas_20230201_20230202000000.csv");

        // Rejects keep the raw line, the reason and the line number in the source file.
        Dataset<Row> rejects = lake.tables(spark).read(LakeTable.rejects(Subject.FATURAS), -1);
        assertThat(rejects.count()).isEqualTo(result.rowsRejected());
        Row negative = rejects.filter("reason = 'NEGATIVE_AMOUNT' and source_file like '%20230201%'")
                .collectAsList().get(0);
        int lineNumber = (int) negative.getLong(negative.fieldIndex("line_number"));
        List<String> sourceLines = Files.readAllLines(source.resolve(demo.files(Subject.FATURAS).get(0).key()));
        assertThat(sourceLines.get(lineNumber - 1)).isEqualTo(negative.getString(negative.fieldIndex("raw_line")))
                .contains("-15.5");

        // Ledger entries and the metrics JSON for the console.
        for (String file : List.of("tb_faturas_20230201_20230202000000.csv", "tb_faturas_20230301_20230302000000.csv")) {
            assertThat(lake.path("0000_control/ledger/tb_0001_fatura/" + file + ".json")).exists();
        }
        String metrics = Files.readString(lake.path("0000_control/metrics/trusted/tb_0001_fatura/run-1.json"));
        assertThat(metrics).contains("\"rowsWritten\" : " + result.rowsWritten()).contains("\"sample\"");
        // Nothing left behind but the published layout.
        try (Stream<Path> files = Files.walk(lake.path(LakeLayout.TRUSTED))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("_staging") || n.startsWith("_trash") || n.endsWith(".crc")
                            || n.equals("_SUCCESS") || n.equals("_temporary"));
        }
    }

    @Test
    void duplicatesAndLineNumbersAreRightWhenAFileIsReadInSeveralSplits() throws IOException {
        Path source = TestDirs.newDir("trusted-splits");
        DemoDataSummary demo = new DemoDataGenerator(DemoDataOptions.defaults().withClients(1_200).withMonths(2)
                .withMess(EnumSet.of(Mess.INVALID_ROWS))).writeTo(source);
        DemoDataSummary.GeneratedFile generated = demo.files(Subject.FATURAS).stream()
                .filter(g -> g.injected().keySet().stream().anyMatch(r -> r.name().equals("DUPLICATE_IN_FILE")))
                .findFirst().orElseThrow();
        lake.addRaw(source.resolve(generated.key()));
        assertThat(Files.size(source.resolve(generated.key()))).isGreaterThan(4 * 8192); // at least five splits
        // The file in several splits: duplicates across them need the global look.
        TrustedResult result = withSplitSize(8192, () -> job(Subject.FATURAS).execute());

        TrustedResult.FileReport report = result.files().get(0);
        Map<String, Long> expected = new HashMap<>();
        generated.injected().forEach((reason, n) -> expected.put(reason.name(), (long) n));
        assertThat(expected).containsKey("DUPLICATE_IN_FILE");
        assertThat(report.rejectedByReason()).isEqualTo(expected);
        assertThat(report.rowsRead()).isEqualTo(generated.records());
        assertThat(report.rowsWritten()).isEqualTo(generated.validRecords());
        // Every reject's line number points at its raw line in the source file, whichever split read it.
        List<String> lines = Files.readAllLines(source.resolve(generated.key()));
        List<Row> rejects = lake.tables(spark).read(LakeTable.rejects(Subject.FATURAS), -1)
                .collectAsList();
        assertThat(rejects).hasSize((int) report.rowsRejected());
        for (Row reject : rejects) {
            int number = (int) reject.getLong(reject.fieldIndex("line_number"));
            assertThat(lines.get(number - 1)).isEqualTo(reject.getString(reject.fieldIndex("raw_line")));
        }
    }

    private TrustedResult withSplitSize(long bytes, java.util.function.Supplier<TrustedResult> run) {
        var conf = spark.sparkContext().hadoopConfiguration();
        String key = "mapreduce.input.fileinputformat.split.maxsize";
        String before = conf.get(key);
        conf.setLong(key, bytes);
        try {
            return run.get();
        } finally {
            if (before == null) {
                conf.unset(key);
            } else {
                conf.set(key, before);
            }
        }
    }

    private List<Row> rejects(Subject subject) {
        return lake.tables(spark).read(LakeTable.rejects(subject), -1)
                .orderBy("source_file", "line_number").collectAsList();
    }

    @Test
    void loneCrQuotedLineBreaksOverLongRecordsAndOddBytesAreEachOneRecord() throws IOException {
        byte[] latin1 = "9-1,9,2023-01-0\u00e3,2023-01-10,10.0,3.0".getBytes(StandardCharsets.ISO_8859_1);
        java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
        content.write((Subject.FATURAS.header() + "\r"                         // line 1, lone CR line ends
                + "1-1,1,2023-01-01,2023-01-10,10.0,3.0\r"                      // line 2
                + "2-1,2,\"2023-01-01\",\"2023-01-10\",\"20,5\",6.0\r"          // line 3: quoted, valid
                + "3-1,3,\"2023-01-01\n\",2023-01-10,30.0,9.0\r"   // lines 4-5: one record, valid once trimmed
                + "6-1,6,2023-01-01,2023-01-10,\"60\n.0\",18.0\r"   // lines 6-7: one record, a bad amount
                + "4-1,4,2023-01-01,2023-01-10,40.0,12.0," + "x".repeat(200) + "\r" // line 8: too long
        ).getBytes(StandardCharsets.UTF_8));
        content.write(latin1);                                                  // line 9: not UTF-8
        content.write("\r5-1,5,2023-01-01,2023-01-10,50.0,15.0".getBytes(StandardCharsets.UTF_8)); // line 10
        String name = lake.addRaw("tb_faturas_20230201_20230202000000.csv", content.toByteArray());
        Map<String, Object> control = RawLake.controlFor(SourceFileName.parse(name).orElseThrow(),
                content.toByteArray());
        assertThat(control).containsEntry("records", 7L).containsEntry("multiLineRecords", 2L);

        TrustedResult result = job(Subject.FATURAS).maxRecordBytes(64).maxRejectRate(0.6).execute();

        assertThat(result.refused()).isEmpty();
        TrustedResult.FileReport report = result.files().get(0);
        assertThat(report.rowsRead()).isEqualTo(7);
        assertThat(report.rejectedByReason()).isEqualTo(Map.of("BAD_AMOUNT", 1L, "BAD_DATE", 1L,
                "LINE_TOO_LONG", 1L));
        assertThat(table(Subject.FATURAS).orderBy("id_cliente").collectAsList())
                .extracting(r -> r.getLong(1) + ":" + r.getDecimal(6)).containsExactly("1:10.00", "2:20.50", "3:30.00",
                "5:50.00");
        List<Row> rejects = rejects(Subject.FATURAS);
        assertThat(rejects).extracting(r -> r.getLong(r.fieldIndex("line_number"))).containsExactly(6L, 8L, 9L);
        assertThat(rejects.get(0).getString(rejects.get(0).fieldIndex("raw_line")))
                .isEqualTo("6-1,6,2023-01-01,2023-01-10,\"60\n.0\",18.0");
        Row tooLong = rejects.get(1);
        assertThat(tooLong.getString(tooLong.fieldIndex("raw_line"))).hasSize(64).startsWith("4-1,4,");
        assertThat(tooLong.getString(tooLong.fieldIndex("reason_detail"))).isEqualTo("the record is 238 bytes,"
                + " above the limit of 64 (trusted.maxRecordBytes); its first 64 bytes are kept");
        Row notUtf8 = rejects.get(2);
        assertThat((byte[]) notUtf8.get(notUtf8.fieldIndex("raw_bytes"))).isEqualTo(latin1);
        assertThat(notUtf8.getString(notUtf8.fieldIndex("raw_line"))).contains("\uFFFD");
    }

    @Test
    void splitReadingAgreesWithTheCountForEveryLineEndAndQuotedBreaksKeepAFileWhole() throws IOException {
        // A: lone CRs, a bad date and a duplicate far apart; B: CRLF with one quoted line break.
        StringBuilder a = new StringBuilder(Subject.FATURAS.header()).append('\r');
        StringBuilder b = new StringBuilder(Subject.FATURAS.header()).append("\r\n");
        for (int i = 1; i <= 1500; i++) {
            String date = i == 700 ? "2023-02-30" : "2023-01-01";
            int client = i == 1400 ? 5 : i; // 1400 repeats the key of line 6
            a.append(client).append("-1,").append(client).append(',').append(date)
                    .append(",2023-01-10,10.0,3.0\r");
            b.append(i).append("-2,").append(i).append(",2023-02-01,2023-02-10,")
                    .append(i == 900 ? "\"10\r\n.0\"" : "10.0").append(",3.0\r\n");
        }
        String fileA = lake.addRaw("tb_faturas_20230201_20230202000000.csv", a.toString().getBytes(
                StandardCharsets.UTF_8));
        String fileB = lake.addRaw("tb_faturas_20230301_20230302000000.csv", b.toString().getBytes(
                StandardCharsets.UTF_8));
        assertThat(a.length()).isGreaterThan(5 * 8192);

        TrustedResult result = withSplitSize(8192, () -> job(Subject.FATURAS).execute());

        assertThat(result.refused()).isEmpty();
        Map<String, TrustedResult.FileReport> reports = new HashMap<>();
        result.files().forEach(r -> reports.put(r.file(), r));
        assertThat(reports.get(fileA).rowsRead()).isEqualTo(1500);
        assertThat(reports.get(fileA).rejectedByReason()).isEqualTo(Map.of("BAD_DATE", 1L, "DUPLICATE_IN_FILE", 1L));
        assertThat(reports.get(fileB).rowsRead()).isEqualTo(1500);
        assertThat(reports.get(fileB).rejectedByReason()).isEqualTo(Map.of("BAD_AMOUNT", 1L));
        List<String> linesA = List.of(a.toString().split("\r"));
        for (Row reject : rejects(Subject.FATURAS)) {
            int number = (int) reject.getLong(reject.fieldIndex("line_number"));
            String raw = reject.getString(reject.fieldIndex("raw_line"));
            if (reject.getString(reject.fieldIndex("source_file")).equals(fileA)) {
                assertThat(linesA.get(number - 1)).isEqualTo(raw);
            } else {
                assertThat(number).isEqualTo(901);
                assertThat(raw).isEqualTo("900-2,900,2023-02-01,2023-02-10,\"10\r\n.0\",3.0");
            }
        }
    }

    @Test
    void theRealPaymentsExtractIsCleanAndLandsPerPaymentMonth() {
        Path real = TestDirs.realPayments();
        assumeThat(real).as("the real extract in ../shared/data").exists();
        lake.addRaw(real);

        TrustedResult result = job(Subject.PAGAMENTOS).execute();

        TrustedResult.FileReport report = result.files().get(0);
        assertThat(report.rowsRead()).isEqualTo(90_774);
        assertThat(report.rowsRejected()).isZero();
        assertThat(report.rowsPerRef()).containsEntry("202301", 5_780L).containsEntry("202402", 1_099L)
                .hasSize(14);
        Dataset<Row> payments = table(Subject.PAGAMENTOS);
        assertThat(payments.count()).isEqualTo(90_774);
        Row row = payments.filter("id_cliente = 1 and id_fatura = 1").collectAsList().get(0);
        assertThat(row.getLong(0)).isEqualTo(1L); // PG-1-1
        assertThat(row.getDate(5).toLocalDate()).isEqualTo(LocalDate.of(2023, 1, 27));
        assertThat(row.getDecimal(6)).isEqualTo(new BigDecimal("8944.39"));
        assertThat(payments.filter("ref = '202301' and source_file = 'tb_pagamentos_20241201_20241202000000.csv'")
                .count()).isEqualTo(5_780);
    }

    @Test
    void headersMatchByNameWithBomCrlfOtherOrderAndCase() {
        byte[] content = ("\uFEFFVALOR_PAGAMENTO, Data_Pagamento ,id_cliente,ID_FATURA,id_pagamento\r\n"
                + "\"10,5\",2023-01-02,3,3-4,PG-3-4\r\n" + "7.25,2023-01-05,3,3-5,PG-3-5\r\n")
                .getBytes(StandardCharsets.UTF_8);
        lake.addRaw("tb_pagamentos_20230201_20230202000000.csv", content);

        job(Subject.PAGAMENTOS).execute();

        List<Row> rows = table(Subject.PAGAMENTOS).orderBy("id_fatura").collectAsList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getLong(0)).isEqualTo(4L);
        assertThat(rows.get(0).getDecimal(6)).isEqualTo(new BigDecimal("10.50"));
        assertThat(rows.get(1).getDecimal(6)).isEqualTo(new BigDecimal("7.25"));
    }

    /** Everything published in the table or its rejects: their rows, and any attempt's files left behind. */
    private List<String> published(Subject subject) {
        List<String> found = new java.util.ArrayList<>();
        for (LakeTable table : List.of(LakeTable.trusted(subject), LakeTable.rejects(subject))) {
            long rows = lake.tables(spark).read(table, -1).count();
            if (rows > 0) {
                found.add(table.tableName() + ": " + rows + " rows");
            }
            java.io.File[] attempts = lake.path(table.prefix() + LakeTable.DATA).toFile().listFiles();
            if (attempts != null) {
                for (java.io.File attempt : attempts) {
                    found.add(table.prefix() + LakeTable.DATA + attempt.getName());
                }
            }
        }
        return found;
    }

    /** Why the run refused the file (and nothing of it was published), after checking its REFUSED ledger entry. */
    private String refusal(TrustedResult result, String file) {
        TrustedResult.Refused refused = result.refused().stream().filter(r -> r.file().equals(file)).findFirst()
                .orElseThrow(() -> new AssertionError(file + " was not refused: " + result));
        try {
            var entry = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lake.path(
                    "0000_control/ledger/" + Subject.parse(file.substring(0, file.indexOf("_2"))).trustedTable()
                            + "/" + file + ".json").toFile());
            assertThat(entry.path("state").asText()).isEqualTo("REFUSED");
            assertThat(entry.path("reason").asText()).isEqualTo(refused.reason());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(result.files()).extracting(TrustedResult.FileReport::file).doesNotContain(file);
        return refused.reason();
    }

    @Test
    void aFileThatDoesNotMatchItsControlFileIsRefusedAndPublishesNothing() {
        String name = lake.addRaw("tb_faturas_20230201_20230202000000.csv",
                csv(Subject.FATURAS.header(), "1-1,1,2023-01-01,2023-01-10,10.0,3.0"));
        SourceFileName parsed = SourceFileName.parse(name).orElseThrow();
        Map<String, Object> control = RawLake.controlFor(parsed, csv(Subject.FATURAS.header(),
                "1-1,1,2023-01-01,2023-01-10,10.0,3.0", "2-1,2,2023-01-01,2023-01-10,20.0,6.0"));
        lake.writeControl(parsed, control);

        assertThat(refusal(job(Subject.FATURAS).execute(), name))
                .startsWith("it does not match its control file").contains("bytes in raw");
        assertThat(published(Subject.FATURAS)).isEmpty();

        // Same size, other records: the SHA-256 catches it (one digit changed). Asked for by name, it is tried again.
        byte[] twin = csv(Subject.FATURAS.header(), "1-1,1,2023-01-01,2023-01-10,10.0,3.0");
        byte[] other = csv(Subject.FATURAS.header(), "1-1,1,2023-01-01,2023-01-10,90.0,3.0");
        lake.addRaw(name, twin);
        lake.writeControl(parsed, RawLake.controlFor(parsed, other));
        assertThat(refusal(job(Subject.FATURAS).files(List.of(name)).execute(), name)).contains("SHA-256");
    }

    @Test
    void recordCountsMustMatchTheControlFile() {
        String name = lake.addRaw("tb_faturas_20230201_20230202000000.csv",
                csv(Subject.FATURAS.header(), "1-1,1,2023-01-01,2023-01-10,10.0,3.0"));
        SourceFileName parsed = SourceFileName.parse(name).orElseThrow();
        Map<String, Object> control = new HashMap<>(RawLake.controlFor(parsed, csv(Subject.FATURAS.header(),
                "1-1,1,2023-01-01,2023-01-10,10.0,3.0")));
        control.put("records", 2);
        lake.writeControl(parsed, control);

        assertThat(refusal(job(Subject.FATURAS).execute(), name))
                .contains("1 records read, 2 in 0001_raw/tb_faturas/controle/");
        assertThat(published(Subject.FATURAS)).isEmpty();
    }

    @Test
    void blankLinesAreNeitherRowsNorRejectsAndLineNumbersStayPhysical() {
        byte[] content = (Subject.FATURAS.header() + "\r\n"
                + "1-1,1,2023-01-01,2023-01-10,10.0,3.0\r\n"
                + "\r\n"                                          // line 3: an empty line
                + "2-1,2,2023-13-01,2023-01-10,20.0,6.0\r\n"      // line 4: a bad date
                + "  \t\r\n"                                    // line 5: only blanks
                + "3-1,3,2023-01-02,2023-01-10,30.0,9.0\r\n"
                + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);    // extra line breaks at the end
        String name = lake.addRaw("tb_faturas_20230201_20230202000000.csv", content);
        // 40 % rejected would fail the file: allow it, the point here is the counting.
        TrustedResult result = job(Subject.FATURAS).maxRejectRate(0.5).execute();

        TrustedResult.FileReport report = result.files().get(0);
        assertThat(report.rowsRead()).isEqualTo(3);
        assertThat(report.rowsWritten()).isEqualTo(2);
        assertThat(report.rejectedByReason()).containsExactly(Map.entry("BAD_DATE", 1L));
        Row reject = lake.tables(spark).read(LakeTable.rejects(Subject.FATURAS), -1)
                .collectAsList().get(0);
        assertThat(reject.getLong(reject.fieldIndex("line_number"))).isEqualTo(4);

        // A control file written before (format 1) counted the blank lines as records: it still matches.
        SourceFileName parsed = SourceFileName.parse(name).orElseThrow();
        lake.writeControl(parsed, RawLake.formatOneControlFor(parsed, content));
        assertThat(job(Subject.FATURAS).files(List.of(name)).maxRejectRate(0.5).execute().files().get(0)
                .rowsRead()).isEqualTo(3);
    }

    @Test
    void oneBadFileIsQuarantinedAndTheOthersArePublished() {
        String good = lake.addRaw("tb_faturas_20230201_20230202000000.csv",
                csv(Subject.FATURAS.header(), "1-1,1,2023-01-01,2023-01-10,10.0,3.0"));
        String noColumn = lake.addRaw("tb_faturas_20230301_20230302000000.csv", csv(
                "id_fatura,id_cliente,data_emissao,valor_fatura,valor_pagamento_minimo", "1-2,1,2023-02-01,10.0,3.0"));
        String twice = lake.addRaw("tb_faturas_20230401_20230402000000.csv", csv(Subject.FATURAS.header()
                + ",ID_CLIENTE", "1-3,1,2023-03-01,2023-03-10,10.0,3.0,1"));
        String empty = lake.addRaw("tb_faturas_20230501_20230502000000.csv", new byte[0]);

        TrustedResult result = job(Subject.FATURAS).execute();

        assertThat(result.files()).extracting(TrustedResult.FileReport::file).containsExactly(good);
        assertThat(table(Subject.FATURAS).count()).isEqualTo(1);
        assertThat(refusal(result, noColumn)).startsWith("the header has no column 'data_vencimento'");
        assertThat(refusal(result, twice)).startsWith("the header names the column 'ID_CLIENTE' twice");
        assertThat(refusal(result, empty)).isEqualTo("it is empty (0 bytes): there is no header");

        // Later runs leave the quarantined files alone, until asked to retry them.
        assertThat(job(Subject.FATURAS).execute().refused()).isEmpty();
        lake.addRaw(noColumn, csv(Subject.FATURAS.header(), "1-2,1,2023-02-01,2023-02-10,10.0,3.0"));
        TrustedResult retried = job(Subject.FATURAS).retryRefused(true).execute();
        assertThat(retried.files()).extracting(TrustedResult.FileReport::file).containsExactly(noColumn);
        assertThat(retried.refused()).extracting(TrustedResult.Refused::file).containsExactly(twice, empty);
        assertThat(table(Subject.FATURAS).count()).isEqualTo(2);
    }

    @Test
    void straysInRawAreSkippedAndReportedNeverParsed() throws IOException {
        String good = lake.addRaw("tb_faturas_20230201_20230202000000.csv",
                csv(Subject.FATURAS.header(), "1-1,1,2023-01-01,2023-01-10,10.0,3.0"));
        String control = LakeLayout.rawControlPrefix(Subject.FATURAS);
        String data = LakeLayout.rawDataPrefix(Subject.FATURAS);
        for (String stray : List.of(control + "notes.txt", control + "tb_pagamentos_20230201_20230202000000.ctl",
                data + "LEIA-ME.md", data + "tb_faturas_20230301_20230302000000.csv")) {
            Files.writeString(lake.path(stray), "{ not what it seems");
        }
        Files.createDirectories(lake.path(control + "old"));
        Files.createDirectories(lake.path(data + "2023"));

        TrustedResult result = job(Subject.FATURAS).execute();

        assertThat(result.files()).extracting(TrustedResult.FileReport::file).containsExactly(good);
        assertThat(result.refused()).isEmpty();
        assertThat(result.skipped()).extracting(TrustedResult.Skipped::key).containsExactlyInAnyOrder(
                control + "notes.txt", control + "tb_pagamentos_20230201_20230202000000.ctl", control + "old/",
                data + "LEIA-ME.md", data + "tb_faturas_20230301_20230302000000.csv", data + "2023/");
        assertThat(result.skipped()).filteredOn(s -> s.key().endsWith("20230302000000.csv"))
                .extracting(TrustedResult.Skipped::reason).containsExactly("it has no control file (a load that did"
                        + " not finish?): run the ingestion flow again to load it whole");
        assertThat(Files.readString(lake.path(LakeLayout.trustedMetricsKey(Subject.FATURAS, "run-1"))))
                .contains("LEIA-ME.md");
    }

    @Test
    void tooManyRejectsRefuseTheFileAndPublishNothingOfIt() {
        String name = lake.addRaw("tb_faturas_20230201_20230202000000.csv", csv(Subject.FATURAS.header(),
                "1-1,1,2023-01-01,2023-01-10,10.0,3.0", "2-1,2,2023-13-01,2023-01-10,10.0,3.0"));
        TrustedResult refused = job(Subject.FATURAS).execute();
        assertThat(refusal(refused, name)).contains("1 of 2 rows rejected (50.00 %), above the limit of 1.00 %")
                .contains("BAD_DATE=1");
        assertThat(refused.refused().get(0).rowsRead()).isEqualTo(2);
        assertThat(published(Subject.FATURAS)).isEmpty();

        TrustedResult tolerant = job(Subject.FATURAS).maxRejectRate(0.5).retryRefused(true).execute();
        assertThat(tolerant.rowsWritten()).isEqualTo(1);
    }

    @Test
    void reprocessingAFileReplacesExactlyItsRowsAndANewBatchAddsItsOwn() {
        String january = lake.addRaw("tb_faturas_20230201_20230202000000.csv", csv(Subject.FATURAS.header(),
                "1-1,1,2023-01-01,2023-01-10,10.0,3.0", "2-1,2,2023-01-01,2023-01-10,20.0,6.0"));
        job(Subject.FATURAS).execute();
        assertThat(job(Subject.FATURAS).runId("run-2").execute().files()).as("already processed").isEmpty();

        // A second batch corrects invoice 2-1 and adds 3-2; both batches stay, each with its own rows.
        lake.addRaw("tb_faturas_20230301_20230305000000.csv", csv(Subject.FATURAS.header(),
                "2-1,2,2023-01-01,2023-01-10,25.0,7.5", "3-2,3,2023-02-01,2023-02-10,30.0,9.0"));
        TrustedResult second = job(Subject.FATURAS).runId("run-3").execute();
        assertThat(second.files()).extracting(TrustedResult.FileReport::file)
                .containsExactly("tb_faturas_20230301_20230305000000.csv");
        assertThat(table(Subject.FATURAS).count()).isEqualTo(4);

        // Forced re-processing of the first file twice: still exactly its two rows, the second batch untouched.
        job(Subject.FATURAS).files(List.of(january)).dtProc("20261125000000").runId("run-4").execute();
        job(Subject.FATURAS).files(List.of(january)).dtProc("20261126000000").runId("run-5").execute();
        Dataset<Row> all = table(Subject.FATURAS);
        assertThat(all.count()).isEqualTo(4);
        assertThat(all.filter("source_file = '" + january + "'").select("dt_proc").distinct().collectAsList())
                .extracting(r -> r.getString(0)).containsExactly("20261126000000");
        assertThat(all.filter("id_cliente = 2").orderBy("source_file").collectAsList())
                .extracting(r -> r.getDecimal(6)).containsExactly(new BigDecimal("20.00"), new BigDecimal("25.00"));
    }
}
