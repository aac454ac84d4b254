package com.podcartoes.lake.book;

/** The per-invoice measures of the stage table that the book aggregates. */
public enum Measure {
    FVL_VLR_FATURA("vlr_fatura", "invoice value"),
    FVL_QTD_TRANSACAO("qtd_transacao", "number of invoices"),
    FVL_NUMERO_DIAS_ATRASO("dias_atraso", "days late"),
    FVL_PERC_VLR_FATURA("perc_vlr_fatura", "% of the invoice paid");

    private final String shortName;
    private final String meaning;

    Measure(String shortName, String meaning) {
        this.shortName = shortName;
        this.meaning = meaning;
    }

    public String shortName() {
        return shortName;
    }

    public String meaning() {
        return meaning;
    }

    /** The stage column holding this measure. */
    public String stageColumn() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
