import com.podcartoes.lake.book.BookSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * The yardstick of bench/book.sh: DuckDB computing the contract's book of one month straight from the extracts
 * (CSV), with the variables generated from the same definitions as the book job, written to one Parquet file.
 * Run as a single-file program: java -cp <duckdb_jdbc>:<spark-jobs jar> bench/DuckDbBook.java <source dir> <ref> <out>
 * (source dir: the one holding tb_faturas/ and tb_pagamentos/).
 */
public class DuckDbBook {
    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        String ref = args[1];
        String out = args[2];
        long started = System.nanoTime();
        String d = "DATE '" + ref.substring(0, 4) + "-" + ref.substring(4) + "-01'";
        // Spark's months_between(D, e) with D the first of a month: whole months, less (day(e) - 1) / 31.
        String monthsBetween = "((year(" + d + ") - year(dt_emissao)) * 12 + month(" + d + ") - month(dt_emissao)"
                + " + (1 - day(dt_emissao)) / 31.0)";
        List<String> aggregates = BookSql.aggregates(n -> monthsBetween + " <= " + n);
        String id = "CAST(regexp_extract(%s, '(\\d+)$', 1) AS BIGINT)";
        String amount = "CAST(replace(trim(%s), ',', '.') AS DECIMAL(14,2))";
        String extracted = "regexp_extract(filename, '_(\\d{14})\\.csv$', 1)";
        String dataDate = "regexp_extract(filename, '_(\\d{8})_\\d{14}\\.csv$', 1)";
        String sql = """
                COPY (
                WITH raw_invoices AS (
                  SELECT %1$s AS id_fatura, CAST(id_cliente AS BIGINT) AS id_cliente,
                         CAST(data_emissao AS DATE) AS dt_emissao, CAST(data_vencimento AS DATE) AS dt_vencimento,
                         %2$s AS vlr_fatura, %3$s AS extracted, %4$s AS data_date
                  FROM read_csv('%5$s/tb_faturas/*.csv', header = true, all_varchar = true, filename = true)),
                invoices AS (
                  SELECT * FROM raw_invoices QUALIFY row_number() OVER (PARTITION BY id_cliente, id_fatura
                         ORDER BY extracted DESC, data_date DESC) = 1),
                raw_payments AS (
                  SELECT %6$s AS id_pagamento, %1$s AS id_fatura, CAST(id_cliente AS BIGINT) AS id_cliente,
                         CAST(data_pagamento AS DATE) AS dt_pagamento, %7$s AS vlr_pagamento,
                         %3$s AS extracted, %4$s AS data_date
                  FROM read_csv('%5$s/tb_pagamentos/*.csv', header = true, all_varchar = true, filename = true)),
                payments AS (
                  SELECT * FROM raw_payments QUALIFY row_number() OVER (PARTITION BY id_cliente, id_fatura,
                         id_pagamento ORDER BY extracted DESC, data_date DESC) = 1),
                %11$s
                SELECT id_cliente, '%8$s' AS ref, %9$s FROM stage GROUP BY id_cliente
                ) TO '%10$s' (FORMAT parquet)
                """.formatted(id.formatted("id_fatura"), amount.formatted("valor_fatura"), extracted, dataDate,
                source, id.formatted("id_pagamento"), amount.formatted("valor_pagamento"), ref,
                String.join(",\n", aggregates), out, BookSql.stage(d, d + " - INTERVAL 12 MONTH",
                        (from, to) -> "datediff('day', " + from + ", " + to + ")"));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = db.createStatement()) {
            statement.execute("SET threads = 2");
            statement.execute(sql);
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM '" + out + "'")) {
                rows.next();
                System.out.printf("duckdb book %s: %,d clients in %.1f s%n", ref, rows.getLong(1),
                        (System.nanoTime() - started) / 1e9);
            }
        }
    }
}
