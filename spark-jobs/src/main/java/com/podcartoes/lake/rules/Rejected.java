package com.podcartoes.lake.rules;

import com.podcartoes.lake.layout.RejectReason;

/** A row failed a rule; thrown inside the parser only, so it carries no stack trace. */
public final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    private final RejectReason reason;

    public Rejected(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
