package com.podcartoes.lake.ui.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.doctor.Preflight;
import com.podcartoes.lake.ui.RecordingDialogs;
import com.podcartoes.lake.ui.TestLakes;
import com.podcartoes.lake.ui.tasks.TaskExecutor;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Test connection on a real embedded lake: the same checks as {@code lake doctor}, shown as a report. */
class ConnectionTestViewModelTest {
    private final LakeContext lake = TestLakes.empty("connection-test");
    private final RecordingDialogs dialogs = new RecordingDialogs();

    @AfterEach
    void close() {
        lake.close();
    }

    @Test
    void showsEachCheckOfThePreflightAndItsVerdict() {
        ConnectionTestViewModel model = new ConnectionTestViewModel(() -> Preflight.check(lake, Clock.systemUTC()),
                TaskExecutor.synchronous(), dialogs);

        model.test();

        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.lastReportProperty().get().passed()).isTrue();
        assertThat(dialogs.reports).singleElement().satisfies(report -> {
            assertThat(report.get(0)).isEqualTo("Test connection: All checks passed.");
            assertThat(report.subList(1, report.size())).hasSize(4);
            assertThat(report.get(2)).startsWith("ok      source bucket    s3://");
            assertThat(report.get(3)).startsWith("ok      lake bucket      s3://").contains("a probe under"
                    + " 0000_control/");
            assertThat(report.get(4)).startsWith("skipped EMR");
        });
    }

    @Test
    void aPreflightThatCannotRunIsAnErrorAndTheButtonComesBack() {
        ConnectionTestViewModel model = new ConnectionTestViewModel(() -> {
            throw new IllegalStateException("the lake is closed");
        }, TaskExecutor.synchronous(), dialogs);

        model.test();

        assertThat(dialogs.errors).containsExactly("Test connection: the lake is closed");
        assertThat(model.runningProperty().get()).isFalse();
    }
}
