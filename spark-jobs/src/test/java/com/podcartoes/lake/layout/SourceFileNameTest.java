package com.podcartoes.lake.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceFileNameTest {
    @Test
    void parsesTheRealExtractsName() {
        SourceFileName name = SourceFileName.parse("tb_pagamentos_20241201_20241202000000.csv").orElseThrow();

        assertThat(name.subject()).isEqualTo(Subject.PAGAMENTOS);
        assertThat(name.dataDate()).isEqualTo(LocalDate.of(2024, 12, 1));
        assertThat(name.extractedAt()).isEqualTo(LocalDateTime.of(2024, 12, 2, 0, 0, 0));
        assertThat(name.fileName()).isEqualTo("tb_pagamentos_20241201_20241202000000.csv");
        assertThat(name.controlFileName()).isEqualTo("tb_pagamentos_20241201_20241202000000.ctl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tb_faturas_20230230_20230302000000.csv", "tb_faturas_2023021_20230302000000.csv",
            "tb_clientes_20230201_20230202000000.csv", "tb_faturas_20230201_20230202000000.CSV",
            "../tb_faturas_20230201_20230202000000.csv", "tb_faturas_20230201_20230202246000.csv",
            "tb_faturas_20230201_20230202000000.csv.bak", ""})
    void refusesNamesOutsideTheConvention(String name) {
        assertThat(SourceFileName.parse(name)).isEmpty();
    }

    @Test
    void ordersByExtractionTimeSoTheNewestFileWins() {
        List<SourceFileName> names = new ArrayList<>(List.of(
                SourceFileName.parse("tb_faturas_20230301_20230302000000.csv").orElseThrow(),
                SourceFileName.parse("tb_faturas_20230201_20230401120000.csv").orElseThrow(),
                SourceFileName.parse("tb_faturas_20230201_20230202000000.csv").orElseThrow()));
        names.sort(null);
        assertThat(names).extracting(SourceFileName::fileName).containsExactly(
                "tb_faturas_20230201_20230202000000.csv", "tb_faturas_20230301_20230302000000.csv",
                "tb_faturas_20230201_20230401120000.csv");
    }

    @Test
    void buildsTheContractsKeys() {
        SourceFileName name = SourceFileName.parse("tb_faturas_20230201_20230202000000.csv").orElseThrow();
        assertThat(LakeLayout.sourceKey(name)).isEqualTo("ingestion/tb_faturas/tb_faturas_20230201_20230202000000.csv");
        assertThat(LakeLayout.rawDataKey(name))
                .isEqualTo("0001_raw/tb_faturas/dados/tb_faturas_20230201_20230202000000.csv");
        assertThat(LakeLayout.rawControlKey(name))
                .isEqualTo("0001_raw/tb_faturas/controle/tb_faturas_20230201_20230202000000.ctl");
        assertThat(LakeLayout.trustedPrefix(Subject.FATURAS)).isEqualTo("0002_trusted/tb_0001_fatura/");
        assertThat(LakeLayout.rejectsPrefix(Subject.PAGAMENTOS)).isEqualTo("0002_trusted/_rejects/tb_0002_pagamentos/");
        assertThat(LakeLayout.BOOK).isEqualTo("0003_refined/book_fatura/");
    }

    @Test
    void subjectsParseFromUserInput() {
        assertThat(Subject.parse(" TB_Faturas ")).isEqualTo(Subject.FATURAS);
        assertThatThrownBy(() -> Subject.parse("faturas")).hasMessageContaining("expected tb_faturas or tb_pagamentos");
    }
}
