package com.podcartoes.lake.jobs.trusted;

import com.podcartoes.lake.layout.Subject;

/** Entry point: the Trusted layer for payments ({@code tb_pagamentos} to {@code tb_0002_pagamentos}). */
public final class TrustedPaymentsJob {
    private TrustedPaymentsJob() {
    }

    public static void main(String[] args) {
        TrustedMain.run(java.util.List.of(Subject.PAGAMENTOS), args);
    }
}
