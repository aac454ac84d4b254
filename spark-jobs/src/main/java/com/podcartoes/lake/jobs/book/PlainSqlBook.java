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
                paid AS (
                  SELECT id_cliente, id_fatura, SUM(vlr_pagamento) AS paid, MAX(dt_pagamento) AS dt_pag
                  FROM payments WHERE dt_pagamento <= %2$s GROUP BY id_cliente, id_fatura),
                stage AS (
                  SELECT i.id_cliente, i.dt_emissao,
                    CASE WHEN p.dt_pag IS NULL THEN 'SEM_PAGAMENTO'
                         WHEN p.dt_pag = i.dt_vencimento THEN 'PAGAMENTO_NO_PRAZO'
                         WHEN p.dt_pag < i.dt_vencimento THEN 'PAGAMENTO_ANTECIPADO'
                         ELSE 'PAGAMENTO_EM_ATRASO' END AS fbc_classif_pagto,
                    CASE WHEN p.paid IS NULL THEN 'SEM_VALOR'
                         WHEN p.paid >= i.vlr_fatura THEN 'VALOR_TOTAL'
                         ELSE 'VALOR_PARCIAL' END AS fbc_classif_vlr_pagto,
                    i.vlr_fatura AS fvl_vlr_fatura,
                    1 AS fvl_qtd_transacao,
                    CASE WHEN p.dt_pag IS NULL THEN datediff(%2$s, i.dt_vencimento)
                         WHEN p.dt_pag > i.dt_vencimento THEN datediff(p.dt_pag, i.dt_vencimento)
                         WHEN p.dt_pag = i.dt_vencimento THEN 0
                         ELSE -1 END AS fvl_numero_dias_atraso,
                    CASE WHEN p.paid IS NULL THEN 0
                         WHEN p.paid >= i.vlr_fatura THEN 100
                         ELSE CAST(ROUND(p.paid * 100 / i.vlr_fatura, 0) AS INT) END AS fvl_perc_vlr_fatura
                  FROM invoices i LEFT JOIN paid p ON i.id_cliente = p.id_cliente AND i.id_fatura = p.id_fatura
                  WHERE i.dt_emissao <= %2$s AND i.dt_emissao >= add_months(%2$s, -12))
                SELECT id_cliente, '%3$s' AS ref, %4$s FROM stage GROUP BY id_cliente
                """.formatted(extraction, d, ref, String.join(",\n", aggregates)));
    }
}
