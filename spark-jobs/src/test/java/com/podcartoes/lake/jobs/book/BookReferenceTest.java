package com.podcartoes.lake.jobs.book;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.demo.DemoDataGenerator;
import com.podcartoes.lake.demo.DemoDataOptions;
import com.podcartoes.lake.demo.DemoDataSummary;
import com.podcartoes.lake.jobs.trusted.TrustedJob;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.testing.RawLake;
import com.podcartoes.lake.testing.TestDirs;
import com.podcartoes.lake.testing.TestSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The fast book against a second, straightforward formulation of the same definitions: plain SQL with one
 * conditional aggregate per variable over DECIMAL, as the original project wrote it (with the contract's fixes).
 * Used only here; compared value by value on generated data, several reference months.
 */
class BookReferenceTest {
    private final SparkSession spark = TestSpark.session();
    private final RawLake lake = new RawLake(TestDirs.newDir("book-reference").resolve("pod-lake"));

    @Test
    void fastBookEqualsThePlainSqlFormulationValueByValue() {
        Path source = TestDirs.newDir("book-reference-source");
        DemoDataSummary demo = new DemoDataGenerator(DemoDataOptions.defaults().withClients(1_000).withAllMess()
                .withPaymentsAfter(YearMonth.of(2023, 9))).writeTo(source);
        demo.files().forEach(f -> lake.addRaw(source.resolve(f.key())));
        // Invoices emitted mid-month, where months_between is fractional, and a payment on D itself.
        lake.addRaw("tb_faturas_20240301_20240302000000.csv", (Subject.FATURAS.header() + "\n"
                + "90001-1,90001,2023-06-15,2023-06-25,100.5,30.15\n"
                + "90001-2,90001,2023-12-31,2024-01-05,200.0,60.0\n"
                + "90001-3,90001,2023-09-02,2023-09-12,300.0,90.0\n").getBytes(StandardCharsets.UTF_8));
        lake.addRaw("tb_pagamentos_20240301_20240302000000.csv", (Subject.PAGAMENTOS.header() + "\n"
                + "PG-90001-1,90001-1,90001,2024-01-01,50.25\n"
                + "PG-90001-3,90001-3,90001,2023-09-12,300.0\n").getBytes(StandardCharsets.UTF_8));
        new TrustedJob(spark, Subject.FATURAS).lake(lake.uri()).catalog(lake.catalog()).execute();
        new TrustedJob(spark, Subject.PAGAMENTOS).lake(lake.uri()).catalog(lake.catalog()).execute();

        new BookJob(spark).lake(lake.uri()).catalog(lake.catalog()).range("202301", "202402").runId("fast").execute();

        for (String ref : List.of("202301", "202310", "202401")) {
            Dataset<Row> fast = BookJob.readBook(lake.tables(spark), ref).drop("dt_proc");
            Dataset<Row> reference = reference(ref);
            assertThat(fast.count()).as("clients in %s", ref).isEqualTo(reference.count()).isPositive();
            assertThat(fast.exceptAll(reference).count()).as("fast rows not in reference, %s", ref).isZero();
            assertThat(reference.exceptAll(fast).count()).as("reference rows not in fast, %s", ref).isZero();
        }
    }

    private Dataset<Row> reference(String ref) {
        return PlainSqlBook.book(lake.tables(spark), ref);
    }
}
