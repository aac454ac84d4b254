package com.podcartoes.lake.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Lake homes for tests (see {@link TestDirs}) and environments that point the CLI at them. */
public final class TestLakes {
    private TestLakes() {
    }

    public static Path newLakeHome(String name) {
        return TestDirs.newDir(name);
    }

    /** An empty embedded lake on a new lake home (no demo data). */
    public static com.podcartoes.lake.context.LakeContext open(String name) {
        return com.podcartoes.lake.context.LakeContext.open(new com.podcartoes.lake.config.ConfigLoader(
                environment(newLakeHome(name))).load(null, null), notice -> { });
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
}
