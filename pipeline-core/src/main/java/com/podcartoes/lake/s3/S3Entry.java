package com.podcartoes.lake.s3;

import java.time.Instant;

/**
 * One line of a listing: an object (with size, date and ETag) or, in a delimited listing, a common prefix
 * ("directory") with size 0 and no date.
 */
public record S3Entry(String key, long size, Instant lastModified, String eTag, boolean isPrefix) {
    public static S3Entry prefix(String key) {
        return new S3Entry(key, 0, null, null, true);
    }
}
