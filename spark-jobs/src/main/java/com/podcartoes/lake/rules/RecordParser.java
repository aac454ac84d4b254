package com.podcartoes.lake.rules;

import com.podcartoes.lake.layout.RejectReason;
import com.podcartoes.lake.layout.Subject;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Turns one data line of a source file into the Trusted layer's typed values, or says why it is rejected. Columns
 * are found by header name (trimmed, case-insensitive), not by position. Spark-free, so the rules are unit-tested
 * on their own and the job only distributes them.
 */
public final class RecordParser implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Subject subject;
    private final int[] positions; // position in the file of each of subject.columns()
    private final int fieldCount;
    private final DateRange dates;

    private RecordParser(Subject subject, int[] positions, int fieldCount, DateRange dates) {
        this.subject = subject;
        this.positions = positions;
        this.fieldCount = fieldCount;
        this.dates = dates;
    }

    /** The same parser with other plausible dates (the default: {@link DateRange#DEFAULT}). */
    public RecordParser withDates(DateRange range) {
        return new RecordParser(subject, positions, fieldCount, range);
    }

    /**
     * Reads the header line (a UTF-8 BOM is ignored).
     *
     * @throws BadHeaderException naming the first required column the header lacks, or a column it names twice
     */
    public static RecordParser forHeader(Subject subject, String headerLine) {
        String header = headerLine.startsWith("\uFEFF") ? headerLine.substring(1) : headerLine;
        List<String> names;
        try {
            names = CsvLine.split(header);
        } catch (Rejected e) {
            throw new BadHeaderException("the header line is not valid CSV (" + e.getMessage() + "): " + header);
        }
        List<String> normalized = names.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).toList();
        for (int i = 0; i < normalized.size(); i++) {
            if (!normalized.get(i).isEmpty() && normalized.indexOf(normalized.get(i)) != i) {
                throw new BadHeaderException("the header names the column '" + names.get(i).trim() + "' twice (it"
                        + " has: " + String.join(", ", names) + "): which one holds the data is ambiguous");
            }
        }
        int[] positions = new int[subject.columns().size()];
        for (int i = 0; i < positions.length; i++) {
            String column = subject.columns().get(i);
            positions[i] = normalized.indexOf(column);
            if (positions[i] < 0) {
                throw new BadHeaderException("the header has no column '" + column + "' (it has: "
                        + String.join(", ", names) + ")");
            }
        }
        return new RecordParser(subject, positions, names.size(), DateRange.DEFAULT);
    }

    /** A header without a required column, or naming one twice: the whole file is refused. */
    public static final class BadHeaderException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public BadHeaderException(String message) {
            super(message);
        }
    }

    /**
     * The typed values in the Trusted table's order (invoices: id_fatura, id_cliente, dt_emissao, dt_vencimento,
     * vlr_fatura, vlr_pagto_min; payments: id_pagamento, id_fatura, id_cliente, dt_pagamento, vlr_pagamento):
     * ids as {@code Long}, dates as {@code LocalDate}, amounts as {@code Long} cents (exact, and cheap to carry).
     * When several rules fail, the first in this order wins: malformed line, missing key, bad id, bad date, bad
     * amount, negative amount, due before emission.
     */
    public Object[] parse(String line) throws Rejected {
        List<String> fields = CsvLine.split(line);
        if (fields.size() != fieldCount) {
            throw new Rejected(RejectReason.MALFORMED_LINE, fields.size() + " fields, the header has " + fieldCount);
        }
        return subject == Subject.FATURAS ? invoice(fields) : payment(fields);
    }

    private String field(List<String> fields, int column) {
        return fields.get(positions[column]);
    }

    private Object[] invoice(List<String> f) throws Rejected {
        requireKeys(f, 0, 1);
        long idFatura = FieldRules.id(field(f, 0), "id_fatura");
        long idCliente = FieldRules.id(field(f, 1), "id_cliente");
        LocalDate emission = dates.check(FieldRules.date(field(f, 2), "data_emissao"), "data_emissao");
        LocalDate due = dates.check(FieldRules.date(field(f, 3), "data_vencimento"), "data_vencimento");
        long value = FieldRules.amountCents(field(f, 4), "valor_fatura");
        long minimum = FieldRules.amountCents(field(f, 5), "valor_pagamento_minimo");
        if (value < 0 || minimum < 0) {
            throw new Rejected(RejectReason.NEGATIVE_AMOUNT, "negative invoice amount");
        }
        if (due.isBefore(emission)) {
            throw new Rejected(RejectReason.DUE_BEFORE_EMISSION, "due " + due + " before emission " + emission);
        }
        return new Object[] {idFatura, idCliente, emission, due, value, minimum};
    }

    private Object[] payment(List<String> f) throws Rejected {
        requireKeys(f, 0, 1, 2);
        long idPagamento = FieldRules.id(field(f, 0), "id_pagamento");
        long idFatura = FieldRules.id(field(f, 1), "id_fatura");
        long idCliente = FieldRules.id(field(f, 2), "id_cliente");
        LocalDate date = dates.check(FieldRules.date(field(f, 3), "data_pagamento"), "data_pagamento");
        long value = FieldRules.amountCents(field(f, 4), "valor_pagamento");
        if (value <= 0) {
            throw new Rejected(RejectReason.NEGATIVE_AMOUNT, "a payment must be above zero, got "
                    + java.math.BigDecimal.valueOf(value, 2));
        }
        return new Object[] {idPagamento, idFatura, idCliente, date, value};
    }

    /** Every key column present before any is parsed, so an empty key is MISSING_KEY even after a bad one. */
    private void requireKeys(List<String> f, int... columns) throws Rejected {
        for (int column : columns) {
            if (field(f, column).trim().isEmpty()) {
                throw new Rejected(RejectReason.MISSING_KEY, subject.columns().get(column) + " is empty");
            }
        }
    }
}
