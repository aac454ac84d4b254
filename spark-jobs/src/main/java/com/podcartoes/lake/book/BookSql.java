package com.podcartoes.lake.book;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The book's variables as plain SQL: one conditional aggregate per variable over the stage's columns, generated
 * from {@link BookVariables}. The two yardsticks the book job is checked and timed against share it: the plain
 * Spark SQL formulation and DuckDB's (bench/). Spark-free.
 */
public final class BookSql {
    private BookSql() {
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
