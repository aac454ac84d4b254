package com.podcartoes.lake.book;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BookVariablesTest {
    @Test
    void numbersThe462VariablesInTheContractsOrder() {
        assertThat(BookVariables.ALL).hasSize(462);
        assertThat(BookVariables.byNumber(1).descriptiveName()).isEqualTo("sum_vlr_fatura_no_prazo_all");
        assertThat(BookVariables.byNumber(462).descriptiveName()).isEqualTo("max_perc_vlr_fatura_sem_valor_u12m");
        // 66 per class: 24 value, 6 count, 18 days late, 18 % paid.
        assertThat(BookVariables.byNumber(66).descriptiveName()).isEqualTo("max_perc_vlr_fatura_no_prazo_u12m");
        assertThat(BookVariables.byNumber(67).descriptiveName()).isEqualTo("sum_vlr_fatura_antecipado_all");
        assertThat(BookVariables.byNumber(25).descriptiveName()).isEqualTo("sum_qtd_transacao_no_prazo_all");
        assertThat(BookVariables.byNumber(31).descriptiveName()).isEqualTo("avg_dias_atraso_no_prazo_all");
        assertThat(BookVariables.byNumber(11).descriptiveName()).isEqualTo("min_vlr_fatura_no_prazo_u3m");
        assertThat(BookVariables.byNumber(265).bookClass()).isEqualTo(BookClass.VALOR_TOTAL);
        assertThat(BookVariables.ALL).extracting(Variable::descriptiveName).doesNotHaveDuplicates();
    }

    @Test
    void typesFollowTheMeasure() {
        assertThat(BookVariables.byNumber(1).type().sql()).isEqualTo("DECIMAL(18,2)");
        assertThat(BookVariables.byNumber(2).type().sql()).isEqualTo("DECIMAL(18,6)");
        assertThat(BookVariables.byNumber(25).type().sql()).isEqualTo("BIGINT");
        assertThat(BookVariables.byNumber(32).type().sql()).isEqualTo("INT");
    }

    @Test
    void dictionaryHasEveryVariableWithItsDefinition() {
        String csv = BookVariables.dictionaryCsv();
        assertThat(csv.lines()).hasSize(463);
        assertThat(csv).contains("VAR_11,min_vlr_fatura_no_prazo_u3m,\"DECIMAL(18,2)\",\"Smallest invoice value over"
                + " the client's invoices paid on the due date (PAGAMENTO_NO_PRAZO), invoices emitted in the last"
                + " 3 months before D; null when there is none.\"");
        assertThat(BookVariables.dictionaryMarkdown()).contains("| VAR_462 | `max_perc_vlr_fatura_sem_valor_u12m` |");
    }
}
