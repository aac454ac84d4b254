package com.podcartoes.lake.s3;

import java.net.URI;
import java.util.Optional;

/**
 * One of the contract's two S3 locations (source or lake): which bucket, where, and which credentials profile.
 * Credentials themselves never appear here: only the name of a profile, or the default chain when empty.
 */
public record S3Location(String bucket, String region, Optional<URI> endpoint, Optional<String> credentialsProfile) {
    public S3Location withEndpoint(URI uri) {
        return new S3Location(bucket, region, Optional.of(uri), credentialsProfile);
    }
}
