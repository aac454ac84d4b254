package com.podcartoes.lake.book;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.IntFunction;

/**
 * The book as plain SQL: the stage (each in-scope invoice, classified) and one conditional aggregate per variable
 * over its columns, generated from {@link BookVariables}. The two yardsticks the book job is checked and timed against share it: the plain
 * Spark SQL formulation and DuckDB's (bench/). Spark-free.
 */
public final class BookSql {
    private BookSql() {
    }

    /**
     * The {@code paid} and {@code stage} parts of a WITH clause, over parts named {@code invoices} and {@code payments}
     * (deduplicated, with the Trusted layer's columns): each in-scope invoice as of D, classified as the contract
     * says, in the stage's columns that {@link #aggregates} reads.
     *
     * @param d                  D, the reference date, as an SQL expression of the dialect at hand
     * @param twelveMonthsBefore D less 12 months, in that dialect
     * @param daysFromTo         the days from one date to a later one, in that dialect (Spark's {@code datediff(to,
     *                           from)})
     */
    public static String stage(String d, String twelveMonthsBefore, BinaryOperator<String> daysFromTo) {
        return """
                paid AS (
                  SELECT id_cliente, id_fatura, SUM(vlr_pagamento) AS paid, MAX(dt_pagamento) AS dt_pag
                  FROM payments WHERE dt_pagamento <= %1$s GROUP BY id_cliente, id_fatura),
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
                    CASE WHEN p.dt_pag IS NULL THEN %3$s
                         WHEN p.dt_pag > i.dt_vencimento THEN %4$s
                         WHEN p.dt_pag = i.dt_vencimento THEN 0
                         ELSE -1 END AS fvl_numero_dias_atraso,
                    CASE WHEN p.paid IS NULL THEN 0
                         WHEN p.paid >= i.vlr_fatura THEN 100
                         ELSE CAST(ROUND(p.paid * 100 / i.vlr_fatura, 0) AS INT) END AS fvl_perc_vlr_fatura
                  FROM invoices i LEFT JOIN paid p ON i.id_cliente = p.id_cliente AND i.id_fatura = p.id_fatura
                  WHERE i.dt_emissao <= %1$s AND i.dt_emissao >= %2$s)
                """.formatted(d, twelveMonthsBefore, daysFromTo.apply("i.dt_vencimento", d),
                daysFromTo.apply("i.dt_vencimento", "p.dt_pag"));
    }

    /**
     * {@code CAST(<aggregate> AS <type>) AS VAR_n} for every variable, in order.
     *
     * @param withinMonths the SQL condition that an invoice's emission lies within {@code n} months of D, in the
     *                     dialect at hand (Spark's {@code months_between(D, dt_emissao) <= n})
     */
    public static List<String> aggregates(IntFunction<String> withinMonths) {
        List<String> aggregates = new ArrayList<>();
        for (Variable v : BookVariables.ALL) {
            String inClass = "(fbc_classif_pagto = '" + v.bookClass().name() + "' OR fbc_classif_vlr_pagto = '"
                    + v.bookClass().name() + "')";
            String inWindow = v.window().months() == Integer.MAX_VALUE ? "true"
                    : withinMonths.apply(v.window().months());
            String value = "CASE WHEN " + inClass + " AND " + inWindow + " THEN " + v.measure().stageColumn() + " END";
            String sql = switch (v.aggregate()) {
                case SUM -> "SUM(" + value + ")";
                case MIN -> "MIN(" + value + ")";
                case MAX -> "MAX(" + value + ")";
                case AVG -> "ROUND(CAST(SUM(" + value + ") AS DECIMAL(38,12)) / COUNT(" + value + "), 6)";
            };
            aggregates.add("CAST(" + sql + " AS " + v.type().sql() + ") AS " + v.name());
        }
        return aggregates;
    }
}
