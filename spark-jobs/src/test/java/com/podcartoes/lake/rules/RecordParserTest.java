package com.podcartoes.lake.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.podcartoes.lake.layout.RejectReason;
import com.podcartoes.lake.layout.Subject;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordParserTest {
    private final RecordParser invoices = RecordParser.forHeader(Subject.FATURAS, Subject.FATURAS.header());
    private final RecordParser payments = RecordParser.forHeader(Subject.PAGAMENTOS, Subject.PAGAMENTOS.header());

    private static RejectReason reason(RecordParser parser, String line) {
        try {
            parser.parse(line);
            return null;
        } catch (Rejected e) {
            return e.reason();
        }
    }

    @Test
    void parsesTheContractsExamples() throws Rejected {
        assertThat(invoices.parse("1-7,1,2023-07-01,2023-07-10,4393.7,1318.11")).containsExactly(7L, 1L,
                LocalDate.of(2023, 7, 1), LocalDate.of(2023, 7, 10), 439370L, 131811L);
        assertThat(payments.parse("PG-1-1,1-1,1,2023-01-27,8944.39")).containsExactly(1L, 1L, 1L,
                LocalDate.of(2023, 1, 27), 894439L);
    }

    @Test
    void datesOutsideThePlausibleRangeAreBadDates() throws Rejected {
        assertThat(reason(invoices, "1-1,1,0202-01-01,2023-01-10,10.0,3.0")).isEqualTo(RejectReason.BAD_DATE);
        assertThat(reason(invoices, "1-1,1,2023-01-01,2204-01-10,10.0,3.0")).isEqualTo(RejectReason.BAD_DATE);
        assertThat(reason(payments, "PG-1-1,1-1,1,1989-12-31,10.0")).isEqualTo(RejectReason.BAD_DATE);
        assertThat(reason(payments, "PG-1-1,1-1,1,1990-01-01,10.0")).isNull();
        try {
            invoices.parse("1-1,1,0202-01-01,2023-01-10,10.0,3.0");
        } catch (Rejected e) {
            assertThat(e.getMessage()).isEqualTo("data_emissao 0202-01-01 is outside the plausible dates 1990-01-01"
                    + " to 2099-12-31");
        }
        RecordParser narrow = invoices.withDates(DateRange.parse("2023-01-01", "2023-12-31"));
        assertThat(reason(narrow, "1-1,1,2022-12-31,2023-01-10,10.0,3.0")).isEqualTo(RejectReason.BAD_DATE);
        assertThat(reason(narrow, "1-1,1,2023-12-01,2023-12-10,10.0,3.0")).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DateRange.parse("2024-01-01", "2023-01-01"))
                .hasMessageContaining("the first is after the last");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DateRange.parse("01/01/2023", null))
                .hasMessageContaining("is not yyyy-MM-dd");
    }

    @Test
    void readsQuotedCommaDecimalsAndPlainIds() throws Rejected {
        assertThat(invoices.parse("7,\"12\",2023-07-01,2023-07-01,\"1234,56\",0")).containsExactly(7L, 12L,
                LocalDate.of(2023, 7, 1), LocalDate.of(2023, 7, 1), 123456L, 0L);
    }

    @Test
    void findsColumnsByNameInAnyOrderAndCase() throws Rejected {
        RecordParser shuffled = RecordParser.forHeader(Subject.PAGAMENTOS,
                "\uFEFF VALOR_PAGAMENTO ,Data_Pagamento,id_cliente,ID_FATURA,id_pagamento,extra");
        assertThat(shuffled.parse("10.5,2023-01-02,3,3-4,PG-3-4,whatever")).containsExactly(4L, 4L, 3L,
                LocalDate.of(2023, 1, 2), 1050L);
        assertThatThrownBy(() -> RecordParser.forHeader(Subject.FATURAS,
                "id_fatura,id_cliente,data_emissao,valor_fatura,valor_pagamento_minimo"))
                .isInstanceOf(RecordParser.BadHeaderException.class)
                .hasMessageContaining("no column 'data_vencimento'");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1-1,1,2023-01-01,2023-01-10,10.0                  | MALFORMED_LINE",
            "1-1,1,2023-01-01,2023-01-10,10.0,3.0,extra        | MALFORMED_LINE",
            "1-1,1,2023-01-01,2023-01-10,\"10.0,3.0            | MALFORMED_LINE",
            ",1,2023-01-01,2023-01-10,10.0,3.0                 | MISSING_KEY",
            "x-n1,1,2023-01-01,2023-01-10,10.0,3.0             | BAD_ID",
            "1-,1,2023-01-01,2023-01-10,10.0,3.0               | BAD_ID",
            "1-1,1,2023-02-30,2023-03-10,10.0,3.0              | BAD_DATE",
            "1-1,1,01/02/2023,2023-03-10,10.0,3.0              | BAD_DATE",
            "1-1,1,2023-01-01,,10.0,3.0                        | BAD_DATE",
            "1-1,1,2023-01-01,2023-01-10,12a.5,3.0             | BAD_AMOUNT",
            "1-1,1,2023-01-01,2023-01-10,1.234,3.0             | BAD_AMOUNT",
            "1-1,1,2023-01-01,2023-01-10,\"1.234,50\",3.0      | BAD_AMOUNT",
            "1-1,1,2023-01-01,2023-01-10,,3.0                  | BAD_AMOUNT",
            "1-1,1,2023-01-01,2023-01-10,-15.5,3.0             | NEGATIVE_AMOUNT",
            "1-1,1,2023-01-10,2023-01-01,10.0,3.0              | DUE_BEFORE_EMISSION",
            "1-1,1,2023-01-01,2023-01-10,0,0                   | ",
    })
    void rejectsInvoicesForTheRightReason(String line, RejectReason expected) {
        assertThat(reason(invoices, line.trim())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "PG-1-1,,1,2023-01-27,8944.39     | MISSING_KEY",
            "PG-1-x,1-1,1,2023-01-27,8944.39  | BAD_ID",
            "PG-1-1,1-1,1,2023-01-27,0        | NEGATIVE_AMOUNT",
            "PG-1-1,1-1,1,2023-01-27,-1.0     | NEGATIVE_AMOUNT",
            "PG-1-1,1-1,1,15/01/2023,10.0     | BAD_DATE",
            "PG-1-1,1-1,1,2023-01-27,dez      | BAD_AMOUNT",
    })
    void rejectsPaymentsForTheRightReason(String line, RejectReason expected) {
        assertThat(reason(payments, line.trim())).isEqualTo(expected);
    }

    @Test
    void amountsAreExactCents() throws Rejected {
        assertThat(FieldRules.amountCents("4393.7", "v")).isEqualTo(439370L);
        assertThat(FieldRules.amountCents("0,05", "v")).isEqualTo(5L);
        assertThat(FieldRules.amountCents("999999999999.99", "v")).isEqualTo(99_999_999_999_999L);
        assertThat(FieldRules.amountCents("-15.5", "v")).isEqualTo(-1550L);
        assertThat(FieldRules.amount("12", "v")).isEqualTo(new BigDecimal("12.00"));
        assertThatThrownBy(() -> FieldRules.amountCents("1000000000000", "v")).isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> FieldRules.amountCents("12.", "v")).isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> FieldRules.amountCents(".5", "v")).isInstanceOf(Rejected.class);
    }

    @Test
    void splitsRfc4180Fields() throws Rejected {
        assertThat(CsvLine.split("a,\"b,c\",\"d\"\"e\",")).containsExactly("a", "b,c", "d\"e", "");
        assertThat(CsvLine.split("")).containsExactly("");
        assertThatThrownBy(() -> CsvLine.split("\"a\"b,c")).isInstanceOf(Rejected.class);
    }
}
