package com.podcartoes.lake.layout;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The two source subjects of the data contract (section 2), with the header columns a source file must carry.
 * Spark-free on purpose: pipeline-core, the jobs and the console all read these facts from here.
 */
public enum Subject {
    FATURAS("tb_faturas", "tb_0001_fatura",
            List.of("id_fatura", "id_cliente", "data_emissao", "data_vencimento", "valor_fatura",
                    "valor_pagamento_minimo")),
    PAGAMENTOS("tb_pagamentos", "tb_0002_pagamentos",
            List.of("id_pagamento", "id_fatura", "id_cliente", "data_pagamento", "valor_pagamento"));

    private final String id;
    private final String trustedTable;
    private final List<String> columns;

    Subject(String id, String trustedTable, List<String> columns) {
        this.id = id;
        this.trustedTable = trustedTable;
        this.columns = columns;
    }

    /** The name used in keys and on the command line, e.g. {@code tb_faturas}. */
    public String id() {
        return id;
    }

    /** The Trusted layer table this subject becomes, e.g. {@code tb_0001_fatura}. */
    public String trustedTable() {
        return trustedTable;
    }

    /** Required header columns, in the order the source system writes them. */
    public List<String> columns() {
        return columns;
    }

    public String header() {
        return String.join(",", columns);
    }

    public static Optional<Subject> fromId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (Subject subject : values()) {
            if (subject.id.equals(wanted)) {
                return Optional.of(subject);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #fromId} but for user input: the error names the valid values. */
    public static Subject parse(String id) {
        return fromId(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown subject '" + id + "': expected tb_faturas or tb_pagamentos"));
    }

    @Override
    public String toString() {
        return id;
    }
}
