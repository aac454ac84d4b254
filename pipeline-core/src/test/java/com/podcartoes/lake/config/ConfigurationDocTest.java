package com.podcartoes.lake.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents exactly the keys the code enforces. */
class ConfigurationDocTest {
    @Test
    void everyKeyIsDocumentedWithItsDefaultsAndVariable() throws IOException {
        String doc = Files.readString(Path.of("../docs/configuration.md"));
        for (Setting setting : Setting.values()) {
            String local = setting.defaultFor(ProfileKind.LOCAL);
            String aws = setting.defaultFor(ProfileKind.AWS);
            String row = "| `" + setting.key() + "` | " + setting.description() + " | "
                    + (local.isEmpty() ? "(empty)" : "`" + local + "`") + " | "
                    + (aws.isEmpty() ? "(empty)" : "`" + aws + "`") + " | `" + setting.environmentVariable() + "` |";
            assertThat(doc).as("row of " + setting.key()).contains(row);
        }
        assertThat(doc.lines().filter(line -> line.startsWith("| `"))).hasSize(Setting.values().length);
    }
}
