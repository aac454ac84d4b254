package com.podcartoes.lake.jobs.book;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.book.BookVariables;
import com.podcartoes.lake.book.Variable;
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
import java.util.ArrayList;
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
        new TrustedJob(spark, Subject.FATURAS).lake(lake.uri()).execute();
        new TrustedJob(spark, Subject.PAGAMENTOS).lake(lake.uri()).execute();

        new BookJob(spark).lake(lake.uri()).range("202301", "202402").runId("fast").execute();

        for (String ref : List.of("202301", "202310", "202401")) {
            Dataset<Row> fast = BookJob.readBook(spark, lake.uri(), ref).drop("dt_proc");
            Dataset<Row> reference = reference(ref);
            assertThat(fast.count()).as("clients in %s", ref).isEqualTo(reference.count()).isPositive();
            assertThat(fast.exceptAll(reference).count()).as("fast rows not in reference, %s", ref).isZero();
            assertThat(reference.exceptAll(fast).count()).as("reference rows not in fast, %s", ref).isZero();
        }
    }

    /** The straightforward formulation, for one reference month. */
    private Dataset<Row> reference(String ref) {
        TrustedJob.read(spark, lake.uri(), Subject.FATURAS).createOrReplaceTempView("trusted_invoices");
        TrustedJob.read(spark, lake.uri(), Subject.PAGAMENTOS).createOrReplaceTempView("trusted_payments");
        String d = "to_date('" + ref + "01', 'yyyyMMdd')";
        List<String> aggregates = new ArrayList<>();
        for (Variable v : BookVariables.ALL) {
            String inClass = "(fbc_classif_pagto = '" + v.bookClass().name() + "' OR fbc_classif_vlr_pagto = '"
                    + v.bookClass().name() + "')";
            String inWindow = v.window().months() == Integer.MAX_VALUE ? "true"
                    : "months_between(" + d + ", dt_emissao) <= " + v.window().months();
            String value = "CASE WHEN " + inClass + " AND " + inWindow + " THEN " + v.measure().stageColumn() + " END";
            String sql = switch (v.aggregate()) {
                case SUM -> "SUM(" + value + ")";
                case MIN -> "MIN(" + value + ")";
                case MAX -> "MAX(" + value + ")";
                case AVG -> "ROUND(CAST(SUM(" + value + ") AS DECIMAL(38,12)) / COUNT(" + value + "), 6)";
            };
            aggregates.add("CAST(" + sql + " AS " + v.type().sql() + ") AS " + v.name());
        }
        String extraction = "regexp_extract(source_file, '_(\\\\d{14})\\\\.csv$', 1)";
        return spark.sql("""
                WITH invoices AS (
                  SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY id_cliente, id_fatura
                                 ORDER BY %1$s DESC, dt_proc DESC) AS rn FROM trusted_invoices) WHERE rn = 1),
                payments AS (
                  SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY id_cliente, id_fatura, id_pagamento
                                 ORDER BY %1$s DESC, dt_proc DESC) AS rn FROM trusted_payments) WHERE rn = 1),
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
