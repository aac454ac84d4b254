package com.podcartoes.lake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.book.BookVariables;
import com.podcartoes.lake.book.Measure;
import com.podcartoes.lake.book.Window;
import com.podcartoes.lake.jobs.common.FaultPoints;
import com.podcartoes.lake.testing.TestLakes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.junit.jupiter.api.Test;

/** The lake command end to end, in-process, on its own embedded lake. */
class LakeCliTest {
    private final Path home = TestLakes.newLakeHome("cli");

    record Result(int exitCode, String out, String err) {
    }

    private Result lake(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LakeCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** The environment of {@link #lake(String...)}: this test's lake home. */
    private Map<String, String> environment;

    private Result lake(String... args) {
        return lake(environment != null ? environment : TestLakes.environment(home), args);
    }

    @Test
    void firstStartSeedsDemoDataThatLsShows() {
        Map<String, String> env = TestLakes.environment(home, "LAKE_DEMO_DATA", "true");

        Result first = lake(env, "ls", "s3://pod-source/ingestion/tb_faturas/");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("First start: generating demo data (10,000 clients x 13 months");
        assertThat(first.out()).contains("ingestion/tb_faturas/tb_faturas_20230201_20230202000000.csv")
                .contains("ingestion/tb_faturas/tb_faturas_20240201_20240202000000.csv")
                .contains("Total objects: 13");
        assertThat(home.resolve("s3/pod-source/ingestion/tb_pagamentos")).isDirectory();

        Result second = lake(env, "ls", "s3://pod-source/ingestion/");
        assertThat(second.err()).doesNotContain("generating");
        assertThat(second.out()).contains("PRE ingestion/tb_faturas/").contains("PRE ingestion/tb_pagamentos/");
    }

    @Test
    void copiesUpAndDownAndBetweenBuckets() throws Exception {
        Path file = home.resolve("notes.csv");
        Files.writeString(file, "a,b\n1,2\n");

        Result up = lake("cp", file.toString(), "s3://pod-lake/inbox/");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).contains("upload: " + file + " to s3://pod-lake/inbox/notes.csv");

        Result across = lake("cp", "s3://pod-lake/inbox/notes.csv", "s3://pod-source/copied.csv");
        assertThat(across.exitCode()).as(across.err()).isZero();

        Path downloads = Files.createDirectories(home.resolve("downloads"));
        Result down = lake("cp", "s3://pod-source/copied.csv", downloads.toString());
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(Files.readString(downloads.resolve("copied.csv"))).isEqualTo("a,b\n1,2\n");

        Result listing = lake("ls", "--recursive", "s3://pod-lake/inbox/");
        assertThat(listing.out()).containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} +8 inbox/notes.csv")
                .contains("Total objects: 1");
    }

    @Test
    void demoDataCommandWritesTheRequestedSize() {
        Result result = lake("demo-data", "--clients", "50", "--months", "2", "--seed", "7", "--messy");
        assertThat(result.exitCode()).as(result.err()).isZero();
        // 2 invoice files and the payment months that have payments (instalments run two months on).
        assertThat(result.out()).contains("s3://pod-source/ingestion/tb_faturas/tb_faturas_20230201_20230202000000.csv  50 records")
                .contains("5 files, 100 invoice records");
        assertThat(lake("ls", "-r", "s3://pod-source/ingestion/").out()).contains("Total objects: 5");
    }

    @Test
    void errorsSayWhatIsWrongWithMeaningfulExitCodes() {
        Result missingObject = lake("cp", "s3://pod-lake/nothing.csv", home.toString());
        assertThat(missingObject.exitCode()).isEqualTo(LakeCli.USAGE);
        assertThat(missingObject.err()).contains("no object at s3://pod-lake/nothing.csv");

        Result badConfig = lake(TestLakes.environment(home, "LAKE_SPARK_DRIVER_MEMORY", "lots"), "ls");
        assertThat(badConfig.exitCode()).isEqualTo(LakeCli.CONFIG_ERROR);
        assertThat(badConfig.err()).contains("'local.spark.driverMemory' (from environment LAKE_SPARK_DRIVER_MEMORY)");

        Result unknownOption = lake("ls", "--sideways");
        assertThat(unknownOption.exitCode()).isEqualTo(LakeCli.USAGE);
        assertThat(unknownOption.err()).contains("Unknown option: '--sideways'");

        Result noBucket = lake("ls", "s3://not-a-bucket-here/x/");
        assertThat(noBucket.exitCode()).isEqualTo(LakeCli.FAILED);
        assertThat(noBucket.err()).contains("bucket 'not-a-bucket-here' does not exist");
    }

    @Test
    void versionHelpAndConfig() {
        Result version = lake("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("lake 0.").contains("Java 17");

        assertThat(lake("ls", "--help").out()).contains("Usage: lake ls").contains("--recursive");
        assertThat(lake("cp", "--help").out()).contains("Usage: lake cp");
        assertThat(lake("demo-data", "--help").out()).contains("--messy").contains("COMMA_DECIMALS");

        Result config = lake("config");
        assertThat(config.out()).contains("profile: local (local)")
                .containsPattern("source.bucket +\\= pod-source +# default \\(local\\)")
                .containsPattern("demo.data +\\= false +# environment LAKE_DEMO_DATA");
        assertThat(lake("config", "--keys").out()).contains("emr.releaseLabel").contains("LAKE_EMR_RELEASE_LABEL");
    }

    @Test
    void runIngestionLoadsRawAndStatusShowsTheLastRuns() {
        assertThat(lake("status").out()).contains("No runs yet");
        assertThat(lake("demo-data", "--clients", "30", "--months", "2").exitCode()).isZero();

        Result run = lake("run", "ingestion");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("extract  tb_faturas     SUCCEEDED")
                .contains("2 staged (")
                .contains("load     tb_pagamentos  SUCCEEDED")
                .containsPattern("run \\d{8}T\\d{6}Z-[0-9a-f]{6} succeeded");
        assertThat(lake("ls", "-r", "s3://pod-lake/0001_raw/tb_faturas/").out())
                .contains("0001_raw/tb_faturas/dados/tb_faturas_20230201_20230202000000.csv")
                .contains("0001_raw/tb_faturas/controle/tb_faturas_20230201_20230202000000.ctl");

        Result again = lake("run", "ingestion", "--subject", "tb_faturas", "--stage", "extract");
        assertThat(again.out()).contains("0 staged").contains("2 already in raw").doesNotContain("tb_pagamentos");

        Result status = lake("status");
        assertThat(status.out()).containsPattern("ingestion +extract +tb_faturas +SUCCEEDED")
                .containsPattern("ingestion +load +tb_pagamentos +SUCCEEDED");

        Result badStage = lake("run", "ingestion", "--stage", "transform");
        assertThat(badStage.exitCode()).isEqualTo(LakeCli.USAGE);
        assertThat(badStage.err()).contains("unknown stage 'transform': expected extract or load");
    }

    @Test
    void bookDictionaryComesFromTheDefinitions() {
        Result one = lake("book", "dictionary", "--var", "11");
        assertThat(one.exitCode()).isZero();
        assertThat(one.out()).contains("VAR_11  min_vlr_fatura_no_prazo_u3m  DECIMAL(18,2)")
                .contains("Smallest invoice value");
        assertThat(lake("book", "dictionary", "--format", "csv").out().lines()).hasSize(463);
        assertThat(lake("book", "dictionary").out()).contains("VAR_462").contains("max_perc_vlr_fatura_sem_valor_u12m");
        Result bad = lake("book", "dictionary", "--var", "463");
        assertThat(bad.exitCode()).isEqualTo(LakeCli.USAGE);
        assertThat(bad.err()).contains("--var must be between 1 and 462");
    }

    @Test
    void runProcessingBuildsTrustedAndTheBookWithSparkInAChildJvmAndExportsIt() throws Exception {
        Result empty = lake("run", "processing");
        assertThat(empty.exitCode()).isEqualTo(LakeCli.FAILED);
        assertThat(empty.out()).contains("trusted                 SUCCEEDED")
                .contains("book                    FAILED")
                .contains("no invoices in")
                .contains("logs: ");
        // The sentence came through the lake, the channel that works on EMR too (not the step's stderr).
        assertThat(lake("ls", "-r", "s3://pod-lake/0000_control/metrics/failures/book/").out())
                .contains("Total objects: 1");

        assertThat(lake("demo-data", "--clients", "30", "--months", "2").exitCode()).isZero();
        assertThat(lake("run", "ingestion").exitCode()).isZero();
        Result processing = lake("run", "processing", "--ref", "202303");

        assertThat(processing.exitCode()).as(processing.out() + processing.err()).isZero();
        assertThat(processing.out()).contains("tb_0001_fatura: 2 files, 60 rows read, 60 written")
                .contains("book: refs [202303], clients [30], stage rows [60]");
        assertThat(lake("ls", "-r", "s3://pod-lake/0003_refined/book_fatura/").out())
                .containsPattern("0003_refined/book_fatura/data/[^/ ]+/ref=202303/part-[^ ]+\\.parquet")
                .containsPattern("0003_refined/book_fatura/metadata/[^ ]+\\.metadata\\.json")
                .contains("0003_refined/book_fatura/_dictionary.csv");
        assertThat(lake("status").out()).containsPattern("processing +book +SUCCEEDED");
        assertThat(lake("run", "processing", "--stage", "sort").err()).contains("unknown stage 'sort'");

        exportsTheBookTheJobWrote(home.resolve("exports"));
        followsTheRunItsStepsAndLogs(processing.out());
    }

    @Test
    void aFileRefusedAsAWholeIsQuarantinedAndTheRunSucceedsWithWarnings() throws Exception {
        assertThat(lake("demo-data", "--clients", "20", "--months", "2").exitCode()).isZero();
        Path empty = Files.createFile(home.resolve("empty.csv")); // the zero-byte extract of the issue
        String refused = "tb_faturas_20230415_20230416000000.csv";
        assertThat(lake("cp", empty.toString(), "s3://pod-source/ingestion/tb_faturas/" + refused).exitCode())
                .isZero();
        assertThat(lake("run", "ingestion").exitCode()).isZero();

        Result processing = lake("run", "processing", "--ref", "202303");

        assertThat(processing.exitCode()).as(processing.out() + processing.err()).isZero();
        assertThat(processing.out()).containsPattern("trusted +SUCCEEDED_WITH_WARNINGS")
                .contains("tb_0001_fatura: 2 files, 40 rows read, 40 written, 0 rejected, 1 file refused")
                .contains(refused + " is refused: it is empty (0 bytes): there is no header")
                .containsPattern("book +SUCCEEDED +in");
        assertThat(lake("runs").out()).containsPattern("processing +SUCCEEDED_WITH_WARNINGS");

        // The next run leaves the quarantined file alone; asked to, it tries it again (still empty: refused).
        assertThat(lake("run", "processing", "--stage", "trusted").out())
                .contains("tb_0001_fatura: 0 files").containsPattern("trusted +SUCCEEDED +in");
        Result retried = lake("run", "processing", "--stage", "trusted", "--retry-refused", "--max-reject-rate", "0.5");
        assertThat(retried.out()).containsPattern("trusted +SUCCEEDED_WITH_WARNINGS").contains(refused + " is refused");
        // The run's reject limit and the profile's plausible dates reach the job as its arguments.
        var run = java.util.regex.Pattern.compile("run (\\S+) succeeded").matcher(retried.out());
        assertThat(run.find()).isTrue();
        assertThat(lake("logs", run.group(1), "trusted", "--stream", "controller").out())
                .contains("--min-date 1990-01-01 --max-date 2099-12-31 --max-reject-rate 0.5 --max-record-bytes"
                        + " 1048576 --retry-refused");
        assertThat(lake("status").out()).contains("In quarantine").contains(refused
                + " (tb_0001_fatura): it is empty (0 bytes): there is no header");
        // Retention: of the three processing runs the latest is kept, and the one ingestion run.
        Result dry = lake("maintain", "--dry-run", "--days", "0", "--keep-runs", "1");
        assertThat(dry.out()).as(dry.err()).contains("Would remove");
        assertThat(dry.out().lines().filter(l -> l.startsWith("RUNS"))).hasSize(2);
        assertThat(lake("maintain", "--days", "0", "--keep-runs", "1").out()).contains("Removed");
        assertThat(lake("runs").out().lines().filter(l -> l.contains(" processing "))).hasSize(1);
        assertThat(lake(TestLakes.environment(home, "LAKE_TRUSTED_MIN_DATE", "2023/01/01"), "run", "processing").err())
                .contains("trusted.minDate (from environment LAKE_TRUSTED_MIN_DATE) must be a date yyyy-MM-dd");
    }

    /**
     * Real crashes: the job JVM halts (as SIGKILL leaves it: no finally, no shutdown hook) between the commits of a
     * re-run; the month reads whole and as it was, and the next ordinary run succeeds with no cleanup by hand.
     */
    @Test
    void aJobKilledAroundItsCommitsLeavesMonthsWholeAndTheNextRunSucceeds() throws Exception {
        // Through the embedded server's S3 API, as on EMR: the jobs read raw and write the tables over S3A.
        environment = TestLakes.environment(home, "LAKE_SPARK_LAKE_ACCESS", "s3");
        assertThat(lake("demo-data", "--clients", "20", "--months", "2").exitCode()).isZero();
        assertThat(lake("run", "ingestion").exitCode()).isZero();

        // The rejects committed, the rows not: no ledger entry either, so the next run processes both files again.
        Result killed = withFault("trusted.rows.before-commit", () -> lake("run", "processing", "--ref", "202303"));
        assertThat(killed.exitCode()).as(killed.out()).isNotZero();
        assertThat(killed.out()).containsPattern("trusted +FAILED");
        // Both tables committed, the ledger not written yet: the next run processes the files again and replaces
        // their rows (checked below: 40 rows, not 80).
        Result killedAfterCommits = withFault("trusted.published", () -> lake("run", "processing", "--stage",
                "trusted"));
        assertThat(killedAfterCommits.out()).containsPattern("trusted +FAILED");
        Result recovered = lake("run", "processing", "--ref", "202303");
        assertThat(recovered.exitCode()).as(recovered.out() + recovered.err()).isZero();
        assertThat(recovered.out()).contains("tb_0001_fatura: 2 files, 40 rows read, 40 written, 0 rejected");
        Path exports = Files.createDirectories(home.resolve("crash-exports"));
        String before = export(exports.resolve("before.csv"));

        // The stage committed, the book not: the book is the old month, whole, and its lineage names the old stage.
        Result bookKilled = withFault("book.book.before-commit", () -> lake("run", "processing", "--stage", "book",
                "--ref", "202303"));
        assertThat(bookKilled.out()).containsPattern("book +FAILED");
        assertThat(export(exports.resolve("after-kill.csv"))).isEqualTo(before);
        var killedRun = java.util.regex.Pattern.compile("\\(run (\\S+)\\)").matcher(bookKilled.out());
        assertThat(killedRun.find()).as(bookKilled.out()).isTrue();
        assertThat(lake("book", "snapshots").out()).contains("now: the stage is run " + killedRun.group(1)
                + "'s but the book is still run ").contains("died between its stage and book commits");
        assertThat(lake("run", "processing", "--stage", "book", "--ref", "202303").exitCode()).isZero();
        assertThat(export(exports.resolve("rebuilt.csv")).replaceAll("\\d{14}", "DT_PROC"))
                .isEqualTo(before.replaceAll("\\d{14}", "DT_PROC")).hasLineCount(21);
        // Nothing the killed attempts wrote is left: the retries removed it before writing their own.
        assertThat(lake("maintain", "--dry-run").out()).doesNotContain("ORPHANS");

        // Time travel: the book's first snapshot still reads as the month was before the rebuild.
        String snapshots = lake("book", "snapshots").out();
        var first = java.util.regex.Pattern.compile("(?m)^(\\d+) +\\S+ +\\S+ +202303 +\\d+ +tb_0001_fatura=")
                .matcher(snapshots);
        assertThat(first.find()).as(snapshots).isTrue();
        assertThat(snapshots).containsPattern("now: stage and book are one run's \\(\\S+\\): their snapshots name"
                + " each other");
        assertThat(snapshots.lines().filter(l -> l.contains(" 202303 "))).hasSize(2);
        Result old = lake("book", "export", "--ref", "202303", "--snapshot", first.group(1), "--out",
                exports.resolve("as-of.csv").toString());
        assertThat(old.exitCode()).as(old.err()).isZero();
        assertThat(Files.readString(exports.resolve("as-of.csv"))).isEqualTo(before);

        // It really went through S3: the jobs were given the lake as s3a://, and the tables' files are there.
        var run = java.util.regex.Pattern.compile("run (\\S+) succeeded").matcher(recovered.out());
        assertThat(run.find()).isTrue();
        String controller = lake("logs", run.group(1), "trusted", "--stream", "controller").out();
        var config = new com.podcartoes.lake.config.ConfigLoader(environment).load(null, null);
        try (var context = com.podcartoes.lake.context.LakeContext.open(config, notice -> { })) {
            assertThat(controller).contains("--lake s3a://pod-lake/")
                    .doesNotContain(context.embedded().orElseThrow().credentials().secretKey());
            for (var table : com.podcartoes.lake.layout.LakeTable.values()) {
                assertThat(context.tables().table(table).orElseThrow().location())
                        .isEqualTo("s3a://pod-lake/" + table.prefix().replaceAll("/$", ""));
            }
            assertThat(context.tables().table(com.podcartoes.lake.layout.LakeTable.TRUSTED_FATURAS).orElseThrow()
                    .currentSnapshot().summary()).containsEntry("total-records", "40");
        }
    }

    private Result withFault(String point, java.util.function.Supplier<Result> run) {
        System.setProperty(FaultPoints.PROPERTY, point);
        try {
            return run.get();
        } finally {
            System.clearProperty(FaultPoints.PROPERTY);
        }
    }

    private String export(Path file) throws IOException {
        Result export = lake("book", "export", "--ref", "202303", "--out", file.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        return Files.readString(file);
    }

    private void followsTheRunItsStepsAndLogs(String processingOutput) throws Exception {
        var matcher = java.util.regex.Pattern.compile("run (\\S+) succeeded").matcher(processingOutput);
        assertThat(matcher.find()).as(processingOutput).isTrue();
        String runId = matcher.group(1);

        assertThat(lake("runs").out()).containsPattern(runId + " +processing +SUCCEEDED .*trusted SUCCEEDED, book"
                + " SUCCEEDED");
        assertThat(lake("logs", runId, "book").out()).contains("book: refs [202303], clients [30]");
        // The Trusted layer is minutes of work, one month's book seconds: each job JVM's compilers are tuned to it.
        assertThat(lake("logs", runId, "trusted", "--stream", "controller").out()).contains("startExec")
                .contains("TrustedLayerJob").contains("Step COMPLETED with exit code 0")
                .contains("-XX:Tier4InvocationThreshold=50000").doesNotContain("-XX:TieredStopAtLevel");
        assertThat(lake("logs", runId, "book", "--stream", "controller").out()).contains("BookMain")
                .contains("-XX:TieredStopAtLevel=1").doesNotContain("-XX:Tier4InvocationThreshold");
        assertThat(lake("clusters", "--steps").out()).containsPattern("local-\\S+ +TERMINATED")
                .containsPattern("s-\\S+ +trusted +COMPLETED").containsPattern("s-\\S+ +book +COMPLETED");
        Result cancel = lake("cancel", runId);
        assertThat(cancel.exitCode()).isEqualTo(LakeCli.USAGE);
        assertThat(cancel.err()).contains("has no running stage");

        // While another run holds the processing flow (another console, the scheduler), a second one is refused.
        var config = new com.podcartoes.lake.config.ConfigLoader(TestLakes.environment(home)).load(null, null);
        try (var lake = com.podcartoes.lake.context.LakeContext.open(config, notice -> { });
             var held = com.podcartoes.lake.flow.FlowLock.acquire(lake.lake(), "processing", "run-elsewhere",
                     java.time.Duration.ofMinutes(2), java.time.Clock.systemUTC())) {
            Result refused = lake("run", "processing");
            assertThat(refused.exitCode()).isEqualTo(LakeCli.FAILED);
            assertThat(refused.err()).contains("processing is already running: run run-elsewhere");
        }
    }

    /** After a book run of 202303 on 30 demo clients with two invoices each (January and February 2023). */
    private void exportsTheBookTheJobWrote(Path dir) throws Exception {
        Result all = lake("book", "export", "--ref", "202303", "--out", dir.resolve("book.csv").toString());
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("exported 30 book row(s) of 202303");
        List<String> lines = Files.readAllLines(dir.resolve("book.csv"));
        assertThat(lines).hasSize(31);
        List<String> header = List.of(lines.get(0).split(",", -1));
        assertThat(header).hasSize(465).startsWith("id_cliente", "ref", "dt_proc", "VAR_1").endsWith("VAR_462");

        // Every client's two invoices are counted once among the timing classes and once among the amount
        // classes, in the ALL window: the invoice-count variables of each group add up to 2.
        for (String line : lines.subList(1, lines.size())) {
            List<String> values = List.of(line.split(",", -1));
            assertThat(values).hasSize(465);
            assertThat(values.get(1)).isEqualTo("202303");
            assertThat(invoiceCount(values, true)).as(line).isEqualTo(2);
            assertThat(invoiceCount(values, false)).as(line).isEqualTo(2);
        }

        Result one = lake("book", "export", "--ref", "202303", "--client", "7", "--descriptive-names",
                "--out", dir.resolve("client-7.csv").toString());
        assertThat(one.exitCode()).as(one.err()).isZero();
        List<String> client = Files.readAllLines(dir.resolve("client-7.csv"));
        assertThat(client).hasSize(2);
        assertThat(client.get(0)).startsWith("id_cliente,ref,dt_proc,sum_vlr_fatura_no_prazo_all,");
        assertThat(client.get(1)).isEqualTo(lines.stream().filter(l -> l.startsWith("7,")).findFirst().orElseThrow());

        Result parquet = lake("book", "export", "--ref", "202303", "--format", "parquet",
                "--out", dir.resolve("book.parquet").toString());
        assertThat(parquet.exitCode()).as(parquet.err()).isZero();
        assertThat(parquetAsCsvLines(dir.resolve("book.parquet"))).containsExactlyInAnyOrderElementsOf(
                lines.subList(1, lines.size()));

        Result noMonth = lake("book", "export", "--ref", "209901", "--out", dir.resolve("x.csv").toString());
        assertThat(noMonth.exitCode()).isEqualTo(LakeCli.USAGE);
        assertThat(noMonth.err()).contains("there is no book for 209901").contains("months with a book: [202303]");
        Result noClient = lake("book", "export", "--ref", "202303", "--client", "999", "--out",
                dir.resolve("x.csv").toString());
        assertThat(noClient.err()).contains("client 999 has no book row for 202303");
        assertThat(dir.resolve("x.csv")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains("partial"));
        }
    }

    private static long invoiceCount(List<String> values, boolean timing) {
        return BookVariables.ALL.stream()
                .filter(v -> v.measure() == Measure.FVL_QTD_TRANSACAO && v.window() == Window.ALL
                        && v.bookClass().isTiming() == timing)
                .map(v -> values.get(v.number() + 2))
                .filter(text -> !text.isEmpty())
                .mapToLong(Long::parseLong)
                .sum();
    }

    /** The export's Parquet rows, formatted like its CSV (decimals from their unscaled values and scale). */
    private static List<String> parquetAsCsvLines(Path file) throws Exception {
        List<String> lines = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(file.toUri())).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) {
                StringBuilder line = new StringBuilder();
                GroupType type = row.getType();
                for (int i = 0; i < type.getFieldCount(); i++) {
                    if (i > 0) {
                        line.append(',');
                    }
                    if (row.getFieldRepetitionCount(i) == 0) {
                        continue;
                    }
                    var field = type.getType(i).asPrimitiveType();
                    if (field.getLogicalTypeAnnotation()
                            instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
                        line.append(BigDecimal.valueOf(row.getLong(i, 0), decimal.getScale()).toPlainString());
                    } else {
                        line.append(row.getValueToString(i, 0));
                    }
                }
                lines.add(line.toString());
            }
        }
        return lines;
    }
}
