package com.podcartoes.lake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.testing.TestLakes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

    private Result lake(String... args) {
        return lake(TestLakes.environment(home), args);
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
    void runProcessingBuildsTrustedAndTheBookWithSparkInAChildJvm() {
        Result empty = lake("run", "processing");
        assertThat(empty.exitCode()).isEqualTo(LakeCli.FAILED);
        assertThat(empty.out()).contains("trusted                 SUCCEEDED")
                .contains("book                    FAILED")
                .contains("no invoices in")
                .contains("logs: ");

        assertThat(lake("demo-data", "--clients", "30", "--months", "2").exitCode()).isZero();
        assertThat(lake("run", "ingestion").exitCode()).isZero();
        Result processing = lake("run", "processing", "--ref", "202303");

        assertThat(processing.exitCode()).as(processing.out() + processing.err()).isZero();
        assertThat(processing.out()).contains("tb_0001_fatura: 2 files, 60 rows read, 60 written")
                .contains("book: refs [202303], clients [30], stage rows [60]");
        assertThat(lake("ls", "-r", "s3://pod-lake/0003_refined/book_fatura/").out())
                .containsPattern("0003_refined/book_fatura/ref=202303/part-[^ ]+\\.parquet")
                .contains("0003_refined/book_fatura/_dictionary.csv");
        assertThat(lake("status").out()).containsPattern("processing +book +SUCCEEDED");
        assertThat(lake("run", "processing", "--stage", "sort").err()).contains("unknown stage 'sort'");
    }
}
