package com.podcartoes.lake.jobs.trusted;

import com.podcartoes.lake.layout.Subject;
import java.util.List;

/**
 * Entry point: the whole Trusted layer, invoices and payments concurrently in one Spark application (the
 * processing flow's usual step; the per-subject entry points retry one of them).
 */
public final class TrustedLayerJob {
    private TrustedLayerJob() {
    }

    public static void main(String[] args) {
        TrustedMain.run(List.of(Subject.FATURAS, Subject.PAGAMENTOS), args);
    }
}
