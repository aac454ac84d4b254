package com.podcartoes.lake.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.testing.TestLakes;
import com.podcartoes.lake.testing.TestTables;
import java.time.YearMonth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The months offered by the console's month pickers come from the Trusted invoices' committed partitions. */
class TrustedMonthsTest {
    private final LakeContext lake = TestLakes.open("months");

    @AfterEach
    void stop() {
        lake.close();
    }

    @Test
    void theInvoiceMonthsAndTheDefaultReferenceMonth() {
        assertThat(TrustedMonths.invoiceMonths(lake.tables())).isEmpty();
        assertThat(TrustedMonths.defaultReference(TrustedMonths.invoiceMonths(lake.tables()))).isEmpty();

        TestTables.commitMonths(lake, LakeTable.TRUSTED_FATURAS, "202401", "202312");
        TestTables.commitMonths(lake, LakeTable.TRUSTED_PAGAMENTOS, "209901"); // another table: not offered
        // A file in the table's folder that no snapshot commits is not a month.
        lake.lake().putBytes("0002_trusted/tb_0001_fatura/data/crashed/ref=202402/part-0.parquet", new byte[1],
                "application/octet-stream");

        var months = TrustedMonths.invoiceMonths(lake.tables());
        assertThat(months).containsExactly(YearMonth.of(2023, 12), YearMonth.of(2024, 1));
        assertThat(TrustedMonths.defaultReference(months)).contains(YearMonth.of(2024, 2));
        assertThat(TrustedMonths.referenceChoices(months)).containsExactly(YearMonth.of(2023, 12),
                YearMonth.of(2024, 1), YearMonth.of(2024, 2));
    }
}
