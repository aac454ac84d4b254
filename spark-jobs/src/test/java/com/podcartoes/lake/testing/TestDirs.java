package com.podcartoes.lake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fresh directories under target/ for tests, and the shared/ folder with the real extracts. */
public final class TestDirs {
    private TestDirs() {
    }

    public static Path newDir(String name) {
        Path base = Path.of(System.getProperty("lake.test.home", "target/lake-home"));
        try {
            Files.createDirectories(base);
            return Files.createTempDirectory(base, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared/ folder beside the repository, as the build passes it. */
    public static Path sharedDir() {
        return Path.of(System.getProperty("shared.dir", "../../shared"));
    }

    /** The real payments extract in shared/data. */
    public static Path realPayments() {
        return sharedDir().resolve("data/tb_pagamentos_20241201_20241202000000.csv");
    }
}
