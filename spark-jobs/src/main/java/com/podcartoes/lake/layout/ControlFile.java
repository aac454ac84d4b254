package com.podcartoes.lake.layout;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The control file ({@code .ctl}) written beside each raw file (data contract, section 5): where the file came
 * from, what it holds and when it was ingested. The trusted job verifies the raw file against it before processing.
 * Stored as JSON with these field names; Spark-free so both sides read the same definition.
 *
 * @param md5Base64    the file's MD5 in base64 (S3's Content-MD5), so the upload is checked by the server
 * @param records      the data records after the header that are not blank, as
 *                     {@link com.podcartoes.lake.rules.CsvRecords} splits records
 * @param multiLineRecords records (the header included) with a line break inside a quoted field: a file with any
 *                     is read by the Trusted job in one piece
 * @param header       the header line as received (without BOM and line ending)
 * @param extractedAt  extraction time from the file name
 * @param downloadedAt when the extract stage downloaded the file from the source bucket
 * @param loadedAt     when the load stage wrote the raw object (null while only staged)
 */
public record ControlFile(int formatVersion, String subject, String fileName, ObjectRef source, ObjectRef raw,
                          long sizeBytes, String sha256, String md5Base64, long records, long multiLineRecords,
                          String header,
                          LocalDate dataDate, LocalDateTime extractedAt, Instant downloadedAt, Instant loadedAt,
                          String runId) {
    /**
     * 3: {@code records} counts CSV records (LF, CRLF and a lone CR end one, except inside quotes) that are not
     * blank, and {@code multiLineRecords} is there. Version 2 counted the LF-ended lines that are not blank, version
     * 1 every LF-ended line; their control files are still read (and agree with version 3 on files with neither
     * lone CRs nor quoted line breaks).
     */
    public static final int FORMAT_VERSION = 3;

    /** Whether {@code records} of a control file of this format version counts blank lines (version 1 did). */
    public static boolean countsBlankLines(int formatVersion) {
        return formatVersion < 2;
    }

    /** An S3 object; {@code eTag} is the one the source listing showed (null for the raw copy). */
    public record ObjectRef(String bucket, String key, String eTag) {
    }

    public ControlFile loaded(ObjectRef rawObject, Instant when, String loadRunId) {
        return new ControlFile(formatVersion, subject, fileName, source, rawObject, sizeBytes, sha256, md5Base64,
                records, multiLineRecords, header, dataDate, extractedAt, downloadedAt, when, loadRunId);
    }
}
