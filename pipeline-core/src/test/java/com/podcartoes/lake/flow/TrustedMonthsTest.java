package com.podcartoes.lake.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.s3.S3Bucket;
import com.podcartoes.lake.testing.LocalS3;
import com.podcartoes.lake.testing.TestLakes;
import java.time.YearMonth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The months offered by the console's month pickers come from the Trusted invoices' partitions. */
class TrustedMonthsTest {
    private final LocalS3 s3 = new LocalS3(TestLakes.newLakeHome("months"));

    @AfterEach
    void stop() {
        s3.close();
    }

    @Test
    void theInvoiceMonthsAndTheDefaultReferenceMonth() {
        S3Bucket lake = s3.bucket("pod-lake");
        assertThat(TrustedMonths.invoiceMonths(lake)).isEmpty();
        assertThat(TrustedMonths.defaultReference(TrustedMonths.invoiceMonths(lake))).isEmpty();

        String table = "0002_trusted/tb_0001_fatura/";
        lake.putBytes(table + "ref=202312/source_file=a.csv/part-0.parquet", new byte[1], "application/octet-stream");
        lake.putBytes(table + "ref=202401/source_file=a.csv/part-0.parquet", new byte[1], "application/octet-stream");
        lake.putBytes(table + "ref=2024x1/junk", new byte[1], "application/octet-stream");
        lake.putBytes(table + "_SUCCESS", new byte[0], "application/octet-stream");
        lake.putBytes("0002_trusted/tb_0002_pagamentos/ref=209901/x", new byte[1], "application/octet-stream");

        var months = TrustedMonths.invoiceMonths(lake);
        assertThat(months).containsExactly(YearMonth.of(2023, 12), YearMonth.of(2024, 1));
        assertThat(TrustedMonths.defaultReference(months)).contains(YearMonth.of(2024, 2));
        assertThat(TrustedMonths.referenceChoices(months)).containsExactly(YearMonth.of(2023, 12),
                YearMonth.of(2024, 1), YearMonth.of(2024, 2));
    }
}
