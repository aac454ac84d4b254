package com.podcartoes.lake.jobs.trusted;

import com.podcartoes.lake.layout.Subject;

/** Entry point: the Trusted layer for invoices ({@code tb_faturas} to {@code tb_0001_fatura}). */
public final class TrustedInvoicesJob {
    private TrustedInvoicesJob() {
    }

    public static void main(String[] args) {
        TrustedMain.run(java.util.List.of(Subject.FATURAS), args);
    }
}
