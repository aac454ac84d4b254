package com.podcartoes.lake.ingestion;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What the control file says about a CSV extract, computed in one streaming pass with constant memory: size,
 * SHA-256, MD5 (base64, as S3's Content-MD5 wants it), the header line, and the number of data records: the lines
 * after the header that are not blank (only spaces, tabs or a CR), as the Trusted job counts them; a last line
 * without a line break counts, an empty file or a header alone has none.
 */
public record FileFingerprint(long sizeBytes, String sha256, String md5Base64, String header, long records) {
    private static final int BUFFER = 1 << 16;
    private static final int MAX_HEADER = 64 * 1024;

    /** Copies {@code in} to {@code out}, fingerprinting on the way; {@code progress} gets the bytes copied so far. */
    public static FileFingerprint copy(InputStream in, OutputStream out, java.util.function.LongConsumer progress)
            throws IOException {
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest md5 = digest("MD5");
        byte[] buffer = new byte[BUFFER];
        byte[] header = new byte[MAX_HEADER];
        int headerLength = 0;
        boolean headerDone = false;
        long records = 0;
        boolean lineHasText = false; // the current line has something besides spaces, tabs and CRs
        long size = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            if (read == 0) {
                continue;
            }
            out.write(buffer, 0, read);
            sha256.update(buffer, 0, read);
            md5.update(buffer, 0, read);
            for (int i = 0; i < read; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    if (headerDone && lineHasText) {
                        records++;
                    }
                    headerDone = true;
                    lineHasText = false;
                } else {
                    if (!headerDone && headerLength < MAX_HEADER) {
                        header[headerLength++] = b;
                    }
                    if (b != ' ' && b != '\t' && b != '\r') { // the Trusted job's CsvLine.isBlank, on bytes
                        lineHasText = true;
                    }
                }
            }
            size += read;
            progress.accept(size);
        }
        if (headerDone && lineHasText) {
            records++; // a last line without a line break
        }
        return new FileFingerprint(size, HexFormat.of().formatHex(sha256.digest()),
                Base64.getEncoder().encodeToString(md5.digest()), headerText(header, headerLength), records);
    }

    private static String headerText(byte[] header, int length) {
        String text = new String(header, 0, length, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
