package com.podcartoes.lake.jobs.book;

import com.podcartoes.lake.book.BookSql;
import com.podcartoes.lake.jobs.common.LakeTables;
import com.podcartoes.lake.jobs.common.SparkSessions;
import com.podcartoes.lake.jobs.trusted.TrustedJob;
import com.podcartoes.lake.layout.JobArguments;
import com.podcartoes.lake.layout.LakeCatalog;
import com.podcartoes.lake.layout.Subject;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The straightforward formulation of the book: plain SQL, one conditional aggregate per variable over DECIMAL,
 * generated from the same definitions. Not used by the pipeline: the tests compare {@link BookJob} with it value by
 * value, and bench/book.sh times it on the same data ({@code main}: {@code --lake URI --catalog ... --ref yyyyMM}).
 */
public final class PlainSqlBook {
    private PlainSqlBook() {
    }

    public static void main(String[] args) {
        JobArguments arguments = JobArguments.parse(args);
        String lake = arguments.required(JobArguments.LAKE);
        String ref = arguments.required(JobArguments.REF);
        SparkSession spark = SparkSessions.forJob("plain-sql-book");
        long start = System.currentTimeMillis();
        String out = lake + "/_plain_sql_book_" + ref;
        book(LakeTables.open(spark, lake, LakeCatalog.fromArguments(arguments)), ref).write().mode("overwrite")
                .parquet(out);
        System.out.printf("plain SQL book %s: %,d clients in %.1f s%n", ref, spark.read().parquet(out).count(),
                (System.currentTimeMillis() - start) / 1000.0);
        spark.stop();
    }

    /** The book of one reference month, the straightforward way. */
    public static Dataset<Row> book(LakeTables tables, String ref) {
        TrustedJob.read(tables, Subject.FATURAS, -1).createOrReplaceTempView("trusted_invoices");
        TrustedJob.read(tables, Subject.PAGAMENTOS, -1).createOrReplaceTempView("trusted_payments");
        SparkSession spark = tables.spark();
        String d = "to_date('" + ref + "01', 'yyyyMMdd')";
        List<String> aggregates = BookSql.aggregates(n -> "months_between(" + d + ", dt_emissao) <= " + n);
        String extraction = "regexp_extract(source_file, '_(\\\\d{14})\\\\.csv$', 1)";
        return spark.sql("""
                WITH invoices AS (
                  SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY id_cliente, id_fatura
                                 ORDER BY %1$s DESC, dt_proc DESC, source_file DESC) AS rn FROM trusted_invoices) WHERE rn = 1),
                payments AS (
                  SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY id_cliente, id_fatura, id_pagamento
                                 ORDER BY %1$s DESC, dt_proc DESC, source_file DESC) AS rn FROM trusted_payments) WHERE rn = 1),
                %5$s
                SELECT id_cliente, '%3$s' AS ref, %4$s FROM stage GROUP BY id_cliente
                """.formatted(extraction, d, ref, String.join(",\n", aggregates),
                BookSql.stage(d, "add_months(" + d + ", -12)", (from, to) -> "datediff(" + to + ", " + from + ")")));
    }
}
