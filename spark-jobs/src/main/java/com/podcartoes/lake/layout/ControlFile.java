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
 * @param records      data lines after the header
 * @param header       the header line as received (without BOM and line ending)
 * @param extractedAt  extraction time from the file name
 * @param downloadedAt when the extract stage downloaded the file from the source bucket
 * @param loadedAt     when the load stage wrote the raw object (null while only staged)
 */
public record ControlFile(int formatVersion, String subject, String fileName, ObjectRef source, ObjectRef raw,
                          long sizeBytes, String sha256, String md5Base64, long records, String header,
                          LocalDate dataDate, LocalDateTime extractedAt, Instant downloadedAt, Instant loadedAt,
                          String runId) {
    /**
     * 2: {@code records} counts the data lines that are not blank (a blank line, e.g. an extra line break at the
     * end, is neither a row nor a reject). Version 1 counted blank lines too; its control files are still read.
     */
    public static final int FORMAT_VERSION = 2;

    /** Whether {@code records} of a control file of this format version counts blank lines (version 1 did). */
    public static boolean countsBlankLines(int formatVersion) {
        return formatVersion < 2;
    }

    /** An S3 object; {@code eTag} is the one the source listing showed (null for the raw copy). */
    public record ObjectRef(String bucket, String key, String eTag) {
    }

    public ControlFile loaded(ObjectRef rawObject, Instant when, String loadRunId) {
        return new ControlFile(formatVersion, subject, fileName, source, rawObject, sizeBytes, sha256, md5Base64,
                records, header, dataDate, extractedAt, downloadedAt, when, loadRunId);
    }
}
