package com.podcartoes.lake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Fresh lake homes under target/ for tests, so they never touch the user's lake or each other's. */
public final class TestLakes {
    private TestLakes() {
    }

    public static Path newLakeHome(String name) {
        Path base = Path.of(System.getProperty("lake.test.home", "target/lake-home"));
        try {
            Files.createDirectories(base);
            return Files.createTempDirectory(base, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An environment for the CLI and config loader: this lake home, no demo data unless asked. */
    public static Map<String, String> environment(Path lakeHome, String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("LAKE_HOME", lakeHome.toString());
        env.put("LAKE_DEMO_DATA", "false");
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    /** The shared/ folder beside the repository (real data extracts), as the build passes it. */
    public static Path sharedDir() {
        return Path.of(System.getProperty("shared.dir", "../../shared"));
    }
}
