package com.podcartoes.lake.ingestion;

import com.podcartoes.lake.rules.CsvRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What the control file says about a CSV extract, computed in one streaming pass with constant memory: size,
 * SHA-256, MD5 (base64, as S3's Content-MD5 wants it), the header, the number of data records after it that are not
 * blank, and how many records span lines (a quoted line break). Records are split by {@link CsvRecords}, the same
 * definition the Trusted job reads with, so the two counts agree: LF, CRLF and a lone CR end a record outside quotes;
 * a last record without a line break counts; an empty file or a header alone has none.
 */
public record FileFingerprint(long sizeBytes, String sha256, String md5Base64, String header, long records,
                              long multiLineRecords) {
    private static final int MAX_HEADER = 64 * 1024;

    /** Copies {@code in} to {@code out}, fingerprinting on the way; {@code progress} gets the bytes copied so far. */
    public static FileFingerprint copy(InputStream in, OutputStream out, java.util.function.LongConsumer progress)
            throws IOException {
        Tee tee = new Tee(in, out, progress);
        // The bound only limits what is kept of a record (the header's first 64 KiB), never where records end.
        CsvRecords records = new CsvRecords(tee, 0, MAX_HEADER);
        String header = null;
        long count = 0;
        long multiLine = 0;
        while (records.next()) {
            CsvRecords.Record record = records.record();
            if (record.lineBreaks() > 0) {
                multiLine++;
            }
            if (header == null) {
                header = headerText(record.text());
            } else if (!record.blank()) {
                count++;
            }
        }
        return new FileFingerprint(tee.size, HexFormat.of().formatHex(tee.sha256.digest()),
                Base64.getEncoder().encodeToString(tee.md5.digest()), header == null ? "" : header, count,
                multiLine);
    }

    private static String headerText(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Every byte read is copied to the output, digested and counted. */
    private static final class Tee extends InputStream {
        private final InputStream in;
        private final OutputStream out;
        private final java.util.function.LongConsumer progress;
        private final MessageDigest sha256 = digest("SHA-256");
        private final MessageDigest md5 = digest("MD5");
        private long size;

        Tee(InputStream in, OutputStream out, java.util.function.LongConsumer progress) {
            this.in = in;
            this.out = out;
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                out.write(buffer, offset, n);
                sha256.update(buffer, offset, n);
                md5.update(buffer, offset, n);
                size += n;
                progress.accept(size);
            }
            return n;
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
