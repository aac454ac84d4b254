package com.podcartoes.lake.jobs.book;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.jobs.trusted.TrustedJob;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.testing.RawLake;
import com.podcartoes.lake.testing.TestDirs;
import com.podcartoes.lake.testing.TestSpark;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The book job on real Spark, from raw files through the Trusted job, on the hand-computed fixture. */
class BookJobTest {
    private final SparkSession spark = TestSpark.session();
    private final RawLake lake = new RawLake(TestDirs.newDir("book").resolve("pod-lake"));

    private static byte[] csv(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The fixture of BookCalculatorTest (client 1, R = 2024-01) as source extracts, in two batches. */
    private void loadFixture() {
        lake.addRaw("tb_faturas_20240201_20240202000000.csv", csv(Subject.FATURAS.header(),
                "1-1,1,2024-01-01,2024-01-10,100.0,30.0",
                "1-2,1,2023-12-01,2023-12-10,999.0,30.0", // corrected by the next batch
                "1-3,1,2023-10-01,2023-10-10,300.0,90.0",
                "1-4,1,2023-07-01,2023-07-10,400.0,120.0",
                "1-5,1,2023-04-01,2023-04-10,0.0,0.0",
                "1-6,1,2023-01-01,2023-01-10,500.0,150.0",
                "1-7,1,2022-12-01,2022-12-10,600.0,180.0",
                "1-8,1,2024-02-01,2024-02-10,700.0,210.0",
                "1-9,1,2023-11-01,2023-11-10,200.0,60.0",
                "2-1,2,2023-11-01,2023-11-10,123.45,37.04"));
        lake.addRaw("tb_faturas_20240201_20240203000000.csv", csv(Subject.FATURAS.header(),
                "1-2,1,2023-12-01,2023-12-10,200.0,60.0"));
        lake.addRaw("tb_pagamentos_20240201_20240202000000.csv", csv(Subject.PAGAMENTOS.header(),
                "PG-1-2,1-2,1,2023-12-10,200.0",
                "PG-1-3,1-3,1,2023-10-05,100.0",
                "PG-1-4,1-4,1,2023-07-20,150.0",
                "PG-1-42,1-4,1,2023-07-25,300.0",
                "PG-1-6,1-6,1,2024-01-15,500.0",
                "PG-1-7,1-7,1,2022-12-10,600.0",
                "PG-1-9,1-9,1,2023-11-12,1.01",
                "PG-1-99,1-99,1,2023-11-12,5.0")); // no such invoice
        new TrustedJob(spark, Subject.FATURAS).lake(lake.uri()).catalog(lake.catalog()).maxRejectRate(1).execute();
        new TrustedJob(spark, Subject.PAGAMENTOS).lake(lake.uri()).catalog(lake.catalog()).maxRejectRate(1).execute();
    }

    @Test
    void buildsStageAndBookOfTheHandComputedFixture() throws Exception {
        loadFixture();

        BookResult result = new BookJob(spark).lake(lake.uri()).catalog(lake.catalog()).dtProc("20261124120000").runId("book-1").execute();

        // R defaults to the month after the latest emission month (2024-02): build 2024-01 explicitly too.
        assertThat(result.clientsPerRef()).containsOnlyKeys("202403");
        BookResult january = new BookJob(spark).lake(lake.uri()).catalog(lake.catalog()).ref("202401").runId("book-2").execute();
        assertThat(january.clientsPerRef()).containsEntry("202401", 2L);
        assertThat(january.stageRowsPerRef()).containsEntry("202401", 8L); // client 1: 7 in scope, client 2: 1
        assertThat(january.duplicateInvoices()).isEqualTo(1);
        assertThat(january.orphanPayments()).isEqualTo(1);

        Row client1 = BookJob.readBook(lake.tables(spark), "202401").filter("id_cliente = 1").collectAsList().get(0);
        assertThat(client1.getString(1)).isEqualTo("202401");
        assertThat(client1.getDecimal(client1.fieldIndex("VAR_1"))).isEqualByComparingTo("200.00"); // corrected B
        assertThat(client1.getDecimal(client1.fieldIndex("VAR_133"))).isEqualByComparingTo("600.00");
        assertThat(client1.getDecimal(client1.fieldIndex("VAR_163"))).isEqualByComparingTo("204.333333");
        assertThat(client1.getInt(client1.fieldIndex("VAR_164"))).isEqualTo(-9);
        assertThat(client1.getLong(client1.fieldIndex("VAR_157"))).isEqualTo(3L);
        assertThat(client1.isNullAt(client1.fieldIndex("VAR_203"))).isTrue();
        assertThat(client1.getDecimal(client1.fieldIndex("VAR_379"))).isEqualByComparingTo("17.000000");
        assertThat(client1.getInt(client1.fieldIndex("VAR_462"))).isZero();
        assertThat(client1.schema().fieldNames()).hasSize(465).startsWith("id_cliente", "ref", "dt_proc", "VAR_1");

        Dataset<Row> stage = BookJob.readStage(lake.tables(spark), "202401").filter("id_cliente = 1");
        Row late = stage.filter("id_fatura = 4").collectAsList().get(0);
        assertThat(late.getString(late.fieldIndex("fbc_classif_pagto"))).isEqualTo("PAGAMENTO_EM_ATRASO");
        assertThat(late.getDecimal(late.fieldIndex("vlr_pago"))).isEqualByComparingTo(new BigDecimal("450.00"));
        Row paidAfterD = stage.filter("id_fatura = 6").collectAsList().get(0);
        assertThat(paidAfterD.getString(paidAfterD.fieldIndex("fbc_classif_pagto"))).isEqualTo("SEM_PAGAMENTO");

        // Re-running January replaces January only; the dictionary sits beside the book.
        new BookJob(spark).lake(lake.uri()).catalog(lake.catalog()).ref("202401").runId("book-3").execute();
        assertThat(BookJob.readBook(lake.tables(spark), "202401").count()).isEqualTo(2);
        assertThat(BookJob.readBook(lake.tables(spark), "202403").count()).isEqualTo(2);
        assertThat(Files.readString(lake.path("0003_refined/book_fatura/_dictionary.csv")))
                .contains("VAR_1,sum_vlr_fatura_no_prazo_all");
    }

    @Test
    void equalExtractionTimeAndDtProcAreBrokenByTheLatestDataDateWhateverTheOrder() {
        // Two files extracted at the same instant and processed in one run (one dt_proc), with one key each way
        // round: whichever the shuffle brings first, the file of the later data date wins.
        lake.addRaw("tb_faturas_20240101_20240202000000.csv", csv(Subject.FATURAS.header(),
                "5-1,5,2024-01-01,2024-01-10,111.0,30.0", "5-2,5,2023-12-01,2023-12-10,333.0,90.0"));
        lake.addRaw("tb_faturas_20240115_20240202000000.csv", csv(Subject.FATURAS.header(),
                "5-2,5,2023-12-01,2023-12-10,444.0,90.0", "5-1,5,2024-01-01,2024-01-10,222.0,60.0"));
        new TrustedJob(spark, Subject.FATURAS).lake(lake.uri()).catalog(lake.catalog()).dtProc("20240203000000").execute();

        new BookJob(spark).lake(lake.uri()).catalog(lake.catalog()).ref("202402").runId("tie").execute();

        List<String> fast = BookJob.readStage(lake.tables(spark), "202402").orderBy("id_fatura").collectAsList()
                .stream().map(r -> r.getLong(1) + ":" + r.getDecimal(r.fieldIndex("fvl_vlr_fatura"))).toList();
        assertThat(fast).containsExactly("1:222.00", "2:444.00");
        // The plain-SQL formulation applies the same rule: the same book row.
        Dataset<Row> book = BookJob.readBook(lake.tables(spark), "202402").drop("dt_proc");
        Dataset<Row> reference = PlainSqlBook.book(lake.tables(spark), "202402");
        assertThat(book.count()).isEqualTo(1);
        assertThat(book.exceptAll(reference).count()).isZero();
        assertThat(reference.exceptAll(book).count()).isZero();
    }

    @Test
    void aBackfillBuildsEveryMonthAsOfItsOwnDate() {
        loadFixture();

        BookResult result = new BookJob(spark).lake(lake.uri()).catalog(lake.catalog()).range("202312", "202402").runId("bf").execute();

        assertThat(result.clientsPerRef()).containsOnlyKeys("202312", "202401", "202402");
        // December's D is 2023-12-01: invoice 1-2 (emitted on D) is not yet due and unpaid then.
        Row december = BookJob.readStage(lake.tables(spark), "202312").filter("id_cliente = 1 and id_fatura = 2")
                .collectAsList().get(0);
        assertThat(december.getString(december.fieldIndex("fbc_classif_pagto"))).isEqualTo("SEM_PAGAMENTO");
        assertThat(december.getInt(december.fieldIndex("fvl_numero_dias_atraso"))).isEqualTo(-9);
        List<Row> january = BookJob.readBook(lake.tables(spark), "202401").filter("id_cliente = 1").collectAsList();
        assertThat(january.get(0).getDecimal(january.get(0).fieldIndex("VAR_1"))).isEqualByComparingTo("200.00");
    }
}
