package com.podcartoes.lake.refined;

import java.util.Collections;
import java.util.List;

/**
 * One client's book row for one reference month, as the Refined layer holds it: {@code values} are VAR_1..VAR_462
 * in the contract's order, each a {@link java.math.BigDecimal} (money, averages), a {@link Long} (counts), an
 * {@link Integer} (days, percentages) or null (no invoice of the class in the window).
 */
public record BookRecord(long idCliente, String ref, String dtProc, List<Object> values) {
    public BookRecord {
        values = Collections.unmodifiableList(values);
    }
}
