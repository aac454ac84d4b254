package com.podcartoes.lake.book;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The 462 book variables, numbered exactly as the data contract (section 4) orders them. This list is the one
 * source of truth: the book job computes from it, the data dictionary is written from it, the console shows it.
 */
public final class BookVariables {
    /** Every variable, VAR_1 first. */
    public static final List<Variable> ALL = build();

    private BookVariables() {
    }

    private static List<Variable> build() {
        List<Variable> variables = new ArrayList<>(462);
        for (BookClass bookClass : BookClass.values()) {
            for (Measure measure : Measure.values()) {
                for (Window window : Window.values()) {
                    for (Aggregate aggregate : Aggregate.values()) {
                        if (included(measure, aggregate)) {
                            variables.add(new Variable(variables.size() + 1, bookClass, measure, window, aggregate));
                        }
                    }
                }
            }
        }
        return Collections.unmodifiableList(variables);
    }

    /** Invoice counts are only summed; days late and % paid are never summed. */
    public static boolean included(Measure measure, Aggregate aggregate) {
        return switch (measure) {
            case FVL_QTD_TRANSACAO -> aggregate == Aggregate.SUM;
            case FVL_NUMERO_DIAS_ATRASO, FVL_PERC_VLR_FATURA -> aggregate != Aggregate.SUM;
            case FVL_VLR_FATURA -> true;
        };
    }

    public static Variable byNumber(int number) {
        return ALL.get(number - 1);
    }

    /** The data dictionary as CSV: name, descriptive name, type, definition. */
    public static String dictionaryCsv() {
        StringBuilder csv = new StringBuilder("variable,descriptive_name,type,definition\n");
        for (Variable v : ALL) {
            csv.append(v.name()).append(',').append(v.descriptiveName()).append(",\"").append(v.type().sql())
                    .append("\",\"").append(v.definition().replace("\"", "\"\"")).append("\"\n");
        }
        return csv.toString();
    }

    /** The data dictionary as a Markdown table. */
    public static String dictionaryMarkdown() {
        StringBuilder md = new StringBuilder("# Book variables (book_fatura)\n\n")
                .append("One row per client and reference month R (D = first day of R): `id_cliente`, `ref`,")
                .append(" `dt_proc`, then the variables below. Generated from the code that computes them.\n\n")
                .append("| variable | descriptive name | type | definition |\n|---|---|---|---|\n");
        for (Variable v : ALL) {
            md.append("| ").append(v.name()).append(" | `").append(v.descriptiveName()).append("` | ")
                    .append(v.type().sql()).append(" | ").append(v.definition()).append(" |\n");
        }
        return md.toString();
    }
}
