package com.podcartoes.lake.layout;

/**
 * The lake's Apache Iceberg tables, at the contract's locations (section 1): the two Trusted tables, their rejects,
 * the stage and the book. Their names in the catalog are the contract's, so analysts query {@code tb_0001_fatura}
 * or {@code book_fatura} in Athena as they name them.
 */
public enum LakeTable {
    TRUSTED_FATURAS(Subject.FATURAS.trustedTable(), LakeLayout.trustedPrefix(Subject.FATURAS)),
    TRUSTED_PAGAMENTOS(Subject.PAGAMENTOS.trustedTable(), LakeLayout.trustedPrefix(Subject.PAGAMENTOS)),
    REJECTS_FATURAS("rejects_" + Subject.FATURAS.trustedTable(), LakeLayout.rejectsPrefix(Subject.FATURAS)),
    REJECTS_PAGAMENTOS("rejects_" + Subject.PAGAMENTOS.trustedTable(), LakeLayout.rejectsPrefix(Subject.PAGAMENTOS)),
    STAGE("stage_fatura", LakeLayout.STAGE),
    BOOK("book_fatura", LakeLayout.BOOK);

    /** Where a job writes an attempt's data files before it commits them: {@code <prefix>data/<attempt>/}. */
    public static final String DATA = "data/";

    private final String tableName;
    private final String prefix;

    LakeTable(String tableName, String prefix) {
        this.tableName = tableName;
        this.prefix = prefix;
    }

    public static LakeTable trusted(Subject subject) {
        return subject == Subject.FATURAS ? TRUSTED_FATURAS : TRUSTED_PAGAMENTOS;
    }

    public static LakeTable rejects(Subject subject) {
        return subject == Subject.FATURAS ? REJECTS_FATURAS : REJECTS_PAGAMENTOS;
    }

    /** The stage and the book: written by the book job's own Parquet writer (v2 pages), not Spark's. */
    public boolean writtenByTheJobsOwnWriter() {
        return this == STAGE || this == BOOK;
    }

    /** The table's name in the catalog's database. */
    public String tableName() {
        return tableName;
    }

    /** The table's location in the lake bucket, e.g. {@code 0002_trusted/tb_0001_fatura/}. */
    public String prefix() {
        return prefix;
    }

    /** Where an attempt of a job writes its files, e.g. {@code 0002_trusted/tb_0001_fatura/data/<attempt>/}. */
    public String attemptPrefix(String attempt) {
        return prefix + DATA + attempt + "/";
    }
}
