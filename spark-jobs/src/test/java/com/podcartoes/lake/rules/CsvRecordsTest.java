package com.podcartoes.lake.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {
    /** offset:text|lineBreaks, one per record. */
    private static List<String> records(String content, int max) throws IOException {
        return records(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), max);
    }

    private static List<String> records(InputStream in, int max) throws IOException {
        List<String> out = new ArrayList<>();
        try (CsvRecords records = new CsvRecords(in, 0, max)) {
            while (records.next()) {
                CsvRecords.Record r = records.record();
                out.add(r.offset() + ":" + r.text() + "|" + r.lineBreaks() + (r.tooLong() ? "|long " + r.length()
                        : ""));
            }
        }
        return out;
    }

    @Test
    void lfCrlfAndLoneCrEachEndARecordAndATrailingBreakAddsNone() throws IOException {
        assertThat(records("h\na\r\nb\rc", 100)).containsExactly("0:h|0", "2:a|0", "5:b|0", "7:c|0");
        assertThat(records("h\na\n", 100)).containsExactly("0:h|0", "2:a|0");
        assertThat(records("h\r\r\n\n", 100)).containsExactly("0:h|0", "2:|0", "4:|0");
        assertThat(records("", 100)).isEmpty();
    }

    @Test
    void aQuotedLineBreakIsContentAndCountedAsALineTheRecordSpans() throws IOException {
        assertThat(records("h\n1,\"a\nb\",2\n3,\"c\r\nd\re\"\n4,\"say \"\"hi\"\"\n\"\n", 100)).containsExactly(
                "0:h|0", "2:1,\"a\nb\",2|1", "12:3,\"c\r\nd\re\"|2", "23:4,\"say \"\"hi\"\"\n\"|1");
    }

    @Test
    void anUnterminatedQuoteRunsToTheEnd() throws IOException {
        assertThat(records("h\n1,\"open\n2,x\n", 100)).containsExactly("0:h|0", "2:1,\"open\n2,x\n|2");
    }

    @Test
    void anOverLongRecordKeepsItsFirstBytesAndEndsWhereItWouldAnyway() throws IOException {
        assertThat(records("h\n123456789\nab\n", 4)).containsExactly("0:h|0", "2:1234|0|long 9", "12:ab|0");
        // Its line breaks inside quotes still count and do not end it, past the bound too.
        assertThat(records("h\n\"12\n3456\"\nab", 3)).containsExactly("0:h|0", "2:\"12|1|long 9", "12:ab|0");
    }

    @Test
    void aGigantineLineWithNoBreakIsReadInBoundedMemory() throws IOException {
        long size = 64L << 20; // 64 MiB of one line, generated, never held
        InputStream huge = new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        try (CsvRecords records = new CsvRecords(huge, 0, 1024)) {
            assertThat(records.next()).isTrue();
            assertThat(records.record().length()).isEqualTo(size);
            assertThat(records.record().keptLength()).isEqualTo(1024);
            assertThat(records.next()).isFalse();
        }
    }

    @Test
    void bytesAreKeptExactlyEvenWhenTheyAreNotUtf8() throws IOException {
        byte[] latin1 = "h\nJo\u00e3o,1\n".getBytes(StandardCharsets.ISO_8859_1);
        try (CsvRecords records = new CsvRecords(new ByteArrayInputStream(latin1), 0, 100)) {
            records.next();
            records.next();
            assertThat(records.record().bytes()).containsExactly('J', 'o', 0xe3, 'o', ',', '1');
            assertThat(records.record().text()).isEqualTo("Jo\uFFFDo,1");
        }
    }

    @Test
    void aReaderStartingInsideAFileSkipsToTheNextLineWhateverTheBreak() throws IOException {
        byte[] content = "h\nab\r\ncd\ref\n".getBytes(StandardCharsets.UTF_8);
        for (int start = 1; start < content.length; start++) {
            ByteArrayInputStream in = new ByteArrayInputStream(content, start, content.length - start);
            try (CsvRecords records = new CsvRecords(in, start, 100)) {
                records.skipToNextLine();
                long expected = start <= 2 ? 2 : start <= 6 ? 6 : start <= 9 ? 9 : 12;
                if (start == 2 || start == 6 || start == 9) {
                    // At a record's first byte: the record is skipped (the reader before it reads it).
                    expected = start == 2 ? 6 : start == 6 ? 9 : 12;
                }
                assertThat(records.position()).as("start %d", start).isEqualTo(expected);
            }
        }
    }

    @Test
    void blankMeansOnlySpacesAndTabs() throws IOException {
        try (CsvRecords records = new CsvRecords(new ByteArrayInputStream(" \t\n x\n".getBytes(
                StandardCharsets.UTF_8)), 0, 100)) {
            records.next();
            assertThat(records.record().blank()).isTrue();
            records.next();
            assertThat(records.record().blank()).isFalse();
        }
    }
}
