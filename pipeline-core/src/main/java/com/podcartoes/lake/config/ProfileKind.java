package com.podcartoes.lake.config;

import java.util.Locale;

/** A profile is either a local lake (embedded S3 unless an endpoint is given) or AWS. */
public enum ProfileKind {
    LOCAL, AWS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
