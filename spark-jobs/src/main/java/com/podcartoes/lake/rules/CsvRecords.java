package com.podcartoes.lake.rules;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a CSV byte stream into records, the one definition of a record that ingestion's count and the Trusted job
 * share (data contract, section 5 as amended in {@code docs/data-contract-notes.md}):
 * <ul>
 *   <li>outside quotes, LF, CRLF and a lone CR each end a record;</li>
 *   <li>inside an RFC 4180 quoted field they are content, so a quoted newline does not split the record (the
 *       quote state is the parity of the {@code "} bytes, which {@code ""} keeps);</li>
 *   <li>a record longer than the bound is still one record, but only its first {@code maxRecordBytes} bytes are
 *       kept: the rest is skipped, not buffered, so memory stays bounded whatever the input. Where a record ends
 *       never depends on the bound, so a count made with any bound agrees.</li>
 * </ul>
 * A file that ends with a line break has no empty record after it. Not thread-safe; the record is reused.
 */
public final class CsvRecords implements Closeable {
    /** The default bound of a record's length: a real record is well under 1 KiB. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;
    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final int maxRecordBytes;
    private final byte[] buffer = new byte[BUFFER];
    private int bufferLength;
    private int bufferIndex;
    private long position;
    private final Record record;

    /** @param position the stream's offset in its file, so that records carry file offsets */
    public CsvRecords(InputStream in, long position, int maxRecordBytes) {
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("the record bound must be at least 1 byte, got " + maxRecordBytes);
        }
        this.in = in;
        this.position = position;
        this.maxRecordBytes = maxRecordBytes;
        this.record = new Record(Math.min(maxRecordBytes, 1024));
    }

    /** The offset of the next byte to read: where the next record starts. */
    public long position() {
        return position;
    }

    /**
     * Skips to just after the first line break (LF, CRLF or a lone CR), quotes ignored: where a reader that starts
     * inside a file finds its first whole record, when no record of the file spans lines.
     */
    public void skipToNextLine() throws IOException {
        int b;
        while ((b = read()) >= 0) {
            if (b == '\n') {
                return;
            }
            if (b == '\r') {
                if (peek() == '\n') {
                    read();
                }
                return;
            }
        }
    }

    /** Reads the next record into {@link #record()}; false at the end of the stream. */
    public boolean next() throws IOException {
        if (peek() < 0) {
            return false;
        }
        Record r = record;
        r.offset = position;
        r.length = 0;
        r.kept = 0;
        r.lineBreaks = 0;
        boolean quoted = false;
        int previous = -1;
        int b;
        while ((b = read()) >= 0) {
            if (!quoted && (b == '\n' || b == '\r')) {
                if (b == '\r' && peek() == '\n') {
                    read();
                }
                return true;
            }
            if (b == '"') {
                quoted = !quoted;
            } else if (b == '\r' || (b == '\n' && previous != '\r')) {
                r.lineBreaks++; // a line break inside quotes: the record goes on on the next line
            }
            if (r.kept < maxRecordBytes) {
                r.append((byte) b);
            }
            r.length++;
            previous = b;
        }
        return true; // the last record, without a line break
    }

    public Record record() {
        return record;
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    private int peek() throws IOException {
        if (bufferIndex == bufferLength && !fill()) {
            return -1;
        }
        return buffer[bufferIndex] & 0xff;
    }

    private int read() throws IOException {
        if (bufferIndex == bufferLength && !fill()) {
            return -1;
        }
        position++;
        return buffer[bufferIndex++] & 0xff;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        bufferLength = n;
        bufferIndex = 0;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** One record: where it starts, its length, its first bytes, and how many lines it spans beyond the first. */
    public static final class Record {
        private long offset;
        private long length;
        private byte[] bytes;
        private int kept;
        private int lineBreaks;

        private Record(int capacity) {
            bytes = new byte[capacity];
        }

        private void append(byte b) {
            if (kept == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[kept++] = b;
        }

        /** The file offset of the record's first byte. */
        public long offset() {
            return offset;
        }

        /** The record's length in bytes, its line break excluded (it may exceed what was kept). */
        public long length() {
            return length;
        }

        /** Longer than the bound: only the first {@link #keptLength()} bytes were kept. */
        public boolean tooLong() {
            return length > kept;
        }

        public int keptLength() {
            return kept;
        }

        /** A copy of the kept bytes, exactly as in the file. */
        public byte[] bytes() {
            return Arrays.copyOf(bytes, kept);
        }

        /** Line breaks inside quoted fields: the record spans this many lines beyond its first. */
        public int lineBreaks() {
            return lineBreaks;
        }

        /** The kept bytes as UTF-8 (bytes that are not UTF-8 read as U+FFFD; {@link #bytes()} keeps them). */
        public String text() {
            return new String(bytes, 0, kept, StandardCharsets.UTF_8);
        }

        /** Only spaces and tabs, or nothing: neither a row nor a reject. */
        public boolean blank() {
            for (int i = 0; i < kept; i++) {
                if (bytes[i] != ' ' && bytes[i] != '\t') {
                    return false;
                }
            }
            return !tooLong();
        }
    }
}
