package com.podcartoes.lake.book;

import java.util.List;

/**
 * The seven invoice classes the book aggregates over, in the contract's order: four by payment timing
 * ({@code fbc_classif_pagto}), then three by amount paid ({@code fbc_classif_vlr_pagto}).
 */
public enum BookClass {
    PAGAMENTO_NO_PRAZO("no_prazo", "paid on the due date"),
    PAGAMENTO_ANTECIPADO("antecipado", "paid before the due date"),
    SEM_PAGAMENTO("sem_pagamento", "with no payment by D"),
    PAGAMENTO_EM_ATRASO("em_atraso", "paid after the due date"),
    VALOR_TOTAL("valor_total", "paid in full (or more)"),
    VALOR_PARCIAL("valor_parcial", "partly paid"),
    SEM_VALOR("sem_valor", "with nothing paid by D");

    /** The payment-timing classes, in order. */
    public static final List<BookClass> BY_TIMING =
            List.of(PAGAMENTO_NO_PRAZO, PAGAMENTO_ANTECIPADO, SEM_PAGAMENTO, PAGAMENTO_EM_ATRASO);
    /** The amount classes, in order. */
    public static final List<BookClass> BY_AMOUNT = List.of(VALOR_TOTAL, VALOR_PARCIAL, SEM_VALOR);

    private final String shortName;
    private final String meaning;

    BookClass(String shortName, String meaning) {
        this.shortName = shortName;
        this.meaning = meaning;
    }

    public String shortName() {
        return shortName;
    }

    public String meaning() {
        return meaning;
    }

    public boolean isTiming() {
        return ordinal() < 4;
    }
}
