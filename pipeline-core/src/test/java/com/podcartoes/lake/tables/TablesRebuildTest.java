package com.podcartoes.lake.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.flow.FlowBusyException;
import com.podcartoes.lake.flow.FlowLock;
import com.podcartoes.lake.flow.ProcessingFlow;
import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.s3.S3Entry;
import com.podcartoes.lake.testing.TestLakes;
import com.podcartoes.lake.testing.TestTables;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code lake setup --rebuild-tables} on the embedded server: the layers and the ledger go, raw and runs stay. */
class TablesRebuildTest {
    private final LakeContext lake = TestLakes.open("rebuild");

    @AfterEach
    void stop() {
        lake.close();
    }

    private void put(String key) {
        lake.lake().putBytes(key, new byte[] {1}, "application/octet-stream");
    }

    private List<String> keys() {
        return lake.lake().list("", true).stream().map(S3Entry::key).toList();
    }

    @Test
    void clearsThePlainParquetLayersTheLedgerAndTheCatalogAndKeepsRawAndRuns() {
        List<String> kept = List.of("0001_raw/tb_faturas/dados/tb_faturas_20230201_20230202000000.csv",
                "0001_raw/tb_faturas/controle/tb_faturas_20230201_20230202000000.ctl",
                "0000_control/runs/run-1/processing-trusted.json");
        kept.forEach(this::put);
        put("0002_trusted/tb_0001_fatura/ref=202301/source_file=a.csv/part-0.parquet"); // the plain-Parquet layout
        put("0002_trusted/_rejects/tb_0001_fatura/source_file=a.csv/part-0.parquet");
        put("0003_refined/book_fatura/ref=202302/part-0.parquet");
        put("0000_control/ledger/tb_0001_fatura/tb_faturas_20230201_20230202000000.csv.json");
        TestTables.commitMonths(lake, LakeTable.STAGE, "202302"); // and a table the catalog knows

        // Never while a job may be writing.
        try (FlowLock held = FlowLock.acquire(lake.lake(), ProcessingFlow.NAME, "run-9", Duration.ofMinutes(2),
                Clock.systemUTC())) {
            assertThatThrownBy(() -> TablesRebuild.run(lake, Clock.systemUTC()))
                    .isInstanceOf(FlowBusyException.class);
        }
        assertThat(keys()).contains("0003_refined/book_fatura/ref=202302/part-0.parquet",
                "0000_control/ledger/tb_0001_fatura/tb_faturas_20230201_20230202000000.csv.json"); // nothing removed
        assertThat(lake.tables().table(LakeTable.STAGE)).isPresent();

        TablesRebuild.Result result = TablesRebuild.run(lake, Clock.systemUTC());

        assertThat(keys()).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(lake.tables().table(LakeTable.STAGE)).isEmpty();
        assertThat(result.lines()).contains("table stage_fatura: dropped from " + lake.tables().describe())
                .anyMatch(l -> l.endsWith("0000_control/ledger/: 1 objects removed"))
                .last().asString().startsWith("raw is untouched: run processing");
    }
}
