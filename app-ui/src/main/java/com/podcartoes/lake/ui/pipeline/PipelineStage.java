package com.podcartoes.lake.ui.pipeline;

import com.podcartoes.lake.flow.ProcessingFlow;
import com.podcartoes.lake.ingestion.IngestionFlow;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.run.RunRecord;
import java.util.List;

/**
 * A box of the Pipeline screen's stage graphs. Each is backed by the run records of one stage (and subject); the
 * Trusted layer is one Spark step for both subjects, drawn as a box per subject with that subject's figures from
 * the job's metrics.
 *
 * @param recordKey      the run records' stage key it follows ({@link RunRecord#stageKey()})
 * @param metricsSubject the subject whose Trusted metrics it shows, or null
 */
public record PipelineStage(String id, String flow, String stage, String recordKey, Subject metricsSubject,
                            String title, String subtitle) {
    public static final List<PipelineStage> INGESTION = List.of(
            ingestion("extract", Subject.FATURAS), ingestion("load", Subject.FATURAS),
            ingestion("extract", Subject.PAGAMENTOS), ingestion("load", Subject.PAGAMENTOS));

    public static final List<PipelineStage> PROCESSING = List.of(
            trusted(Subject.FATURAS), trusted(Subject.PAGAMENTOS),
            new PipelineStage("book", ProcessingFlow.NAME, "book", "book", null, "Stage and book",
                    "462 variables per client, the chosen months"));

    /** The run records' stage keys, in the order of the run-history grid's columns. */
    public static final List<String> GRID_COLUMNS = List.of("extract-tb_faturas", "load-tb_faturas",
            "extract-tb_pagamentos", "load-tb_pagamentos", "trusted", "book");

    private static PipelineStage ingestion(String stage, Subject subject) {
        return new PipelineStage(stage + "-" + subject.id(), IngestionFlow.NAME, stage, stage + "-" + subject.id(),
                null, stage.equals("extract") ? "Extract" : "Load", subject.id());
    }

    private static PipelineStage trusted(Subject subject) {
        return new PipelineStage("trusted-" + subject.id(), ProcessingFlow.NAME, "trusted", "trusted", subject,
                "Trusted", subject.id() + " → " + subject.trustedTable());
    }

    public boolean isIngestion() {
        return flow.equals(IngestionFlow.NAME);
    }

    /** A short column title for a grid column's stage key, e.g. "ext F" for extract-tb_faturas. */
    public static String columnTitle(String recordKey) {
        return recordKey.replace("extract", "ext").replace("-tb_faturas", " F").replace("-tb_pagamentos", " P");
    }
}
