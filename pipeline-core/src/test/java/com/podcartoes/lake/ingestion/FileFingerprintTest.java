package com.podcartoes.lake.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The control file's record count: CSV records that are not blank, as the Trusted job counts them. */
class FileFingerprintTest {
    private static FileFingerprint of(String content) throws IOException {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        FileFingerprint fingerprint = FileFingerprint.copy(new ByteArrayInputStream(
                content.getBytes(StandardCharsets.UTF_8)), copy, bytes -> { });
        assertThat(copy.toString(StandardCharsets.UTF_8)).isEqualTo(content); // byte for byte
        return fingerprint;
    }

    @Test
    void blankLinesAreNotRecords() throws IOException {
        assertThat(of("").records()).isZero();
        assertThat(of("a,b").records()).isZero();
        assertThat(of("a,b\n").records()).isZero();
        assertThat(of("a,b\n1,2").records()).isEqualTo(1);
        assertThat(of("a,b\n1,2\n").records()).isEqualTo(1);
        assertThat(of("a,b\n1,2\n\n").records()).isEqualTo(1);            // an extra line break at the end
        assertThat(of("a,b\r\n1,2\r\n\r\n \t\r\n3,4\r\n").records()).isEqualTo(2);
        assertThat(of("\uFEFFa,b\n\n\n").header()).isEqualTo("a,b");
        assertThat(of("a,b\n,\n").records()).isEqualTo(1);              // empty fields are a record (a reject)
    }

    @Test
    void loneCrEndsARecordAndAQuotedLineBreakDoesNot() throws IOException {
        FileFingerprint loneCr = of("a,b\r1,2\r3,4\r");
        assertThat(loneCr.header()).isEqualTo("a,b");
        assertThat(loneCr.records()).isEqualTo(2);
        assertThat(loneCr.multiLineRecords()).isZero();
        FileFingerprint quoted = of("a,b\n1,\"x\ny\"\n2,\"z\r\nw\"\n3,4\n");
        assertThat(quoted.records()).isEqualTo(3);
        assertThat(quoted.multiLineRecords()).isEqualTo(2);
    }
}
