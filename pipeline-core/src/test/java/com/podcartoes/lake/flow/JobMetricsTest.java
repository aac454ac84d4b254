package com.podcartoes.lake.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.layout.Subject;
import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.testing.LocalS3;
import com.podcartoes.lake.testing.TestLakes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the flow and the console read of the jobs: their metrics and their progress, as the jobs write them. */
class JobMetricsTest {
    private final LocalS3 s3 = new LocalS3(TestLakes.newLakeHome("metrics"));
    private final S3Bucket lake = s3.bucket("pod-lake");

    @AfterEach
    void stop() {
        s3.close();
    }

    private void put(String key, String json) {
        lake.putBytes(key, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    @Test
    void metricsAndProgressAsTheJobsWriteThem() {
        assertThat(JobMetrics.book(lake, "r1")).isEmpty();
        put(LakeLayout.trustedMetricsKey(Subject.FATURAS, "r1"), """
                {"job": "trusted", "subject": "tb_faturas", "table": "tb_0001_fatura", "runId": "r1",
                 "files": [{"file": "a.csv"}, {"file": "b.csv"}], "rowsRead": 61, "rowsWritten": 60,
                 "rowsRejected": 1, "durationMillis": 900, "schema": "struct<...>", "sample": []}""");
        put(LakeLayout.bookMetricsKey("r1"), """
                {"job": "book", "runId": "r1", "clientsPerRef": {"202304": 29, "202303": 30},
                 "stageRowsPerRef": {"202303": 60, "202304": 58}, "durationMillis": 1200}""");
        put(LakeLayout.progressKey("r1", "book"), """
                {"tasksDone": 34, "tasksTotal": 200, "stagesRunning": 1, "stagesDone": 3,
                 "updatedAt": "2026-12-03T12:00:00Z"}""");

        assertThat(JobMetrics.trusted(lake, Subject.FATURAS, "r1").orElseThrow().summary())
                .isEqualTo("tb_0001_fatura: 2 files, 61 rows read, 60 written, 1 rejected");
        assertThat(JobMetrics.trusted(lake, Subject.PAGAMENTOS, "r1")).isEmpty();
        JobMetrics.Book book = JobMetrics.book(lake, "r1").orElseThrow();
        assertThat(book.summary()).isEqualTo("book: refs [202303, 202304], clients [30, 29], stage rows [60, 58]");
        assertThat(book.clients()).isEqualTo(59);
        JobMetrics.Progress progress = JobMetrics.progress(lake, "r1", "book").orElseThrow();
        assertThat(progress.fraction()).isEqualTo(0.17);
        assertThat(progress.describe()).isEqualTo("tasks 34 of 200, 3 Spark stages done");
        assertThat(new JobMetrics.Progress(0, 0, 0, 1, null).describe())
                .isEqualTo("between stages, 1 Spark stage done");
        assertThat(new JobMetrics.Progress(0, 0, 0, 0, null).fraction()).isEqualTo(-1);
    }
}
