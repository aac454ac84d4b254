package com.podcartoes.lake.ui;

import com.podcartoes.lake.config.ConfigLoader;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.demo.DemoDataOptions;
import com.podcartoes.lake.demo.DemoDataUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Embedded lakes for the console's tests: each on its own lake home under target/, empty or with small extracts. */
public final class TestLakes {
    private TestLakes() {
    }

    public static LakeContext empty(String name) {
        Path base = Path.of(System.getProperty("lake.test.home", "target/lake-home")).toAbsolutePath();
        try {
            Path home = Files.createTempDirectory(Files.createDirectories(base), name);
            // One class-data archive for every test lake: only the first Spark job of the build records it.
            Path classData = base.resolve("class-data");
            return LakeContext.open(new ConfigLoader(Map.of("LAKE_HOME", home.toString(), "LAKE_DEMO_DATA", "false",
                    "LAKE_SPARK_DRIVER_MEMORY", "768m", "LAKE_SPARK_CLASS_DATA_DIR", classData.toString()))
                    .load(null, null), notice -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Demo extracts for a few clients and months into the source bucket: seconds of Spark, not minutes. */
    public static void addExtracts(LakeContext lake) {
        DemoDataUpload.generate(DemoDataOptions.defaults().withClients(40).withMonths(3), lake.source(),
                lake.scratchDir());
    }
}
