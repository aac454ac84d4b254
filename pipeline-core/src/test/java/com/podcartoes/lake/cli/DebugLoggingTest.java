package com.podcartoes.lake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.testing.TestLakes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code LAKE_LOG_LEVEL=DEBUG} on a real command against the embedded S3 server, in a JVM of its own (logging is
 * configured once per JVM): the debug output is there, the signed request headers and session tokens are not.
 */
class DebugLoggingTest {
    @Test
    void debugOutputNeverShowsAuthorizationOrSessionTokens() throws Exception {
        Path home = TestLakes.newLakeHome("debug-logging");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), LakeCli.class.getName(), "ls",
                "s3://pod-lake/");
        builder.environment().putAll(TestLakes.environment(home, "LAKE_LOG_LEVEL", "DEBUG",
                "AWS_SESSION_TOKEN", "FAKE-SESSION-TOKEN-THAT-MUST-NOT-BE-LOGGED"));
        Process lake = builder.start();
        lake.getOutputStream().close();
        String out = new String(lake.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(lake.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lake.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(lake.exitValue()).as(out + err).isZero();
        assertThat(err).as("the level is lowered: INFO shows, which WARN hides").contains(" INFO ");
        assertThat(err).doesNotContainIgnoringCase("Authorization:").doesNotContain("AWS4-HMAC-SHA256 Credential")
                .doesNotContain("FAKE-SESSION-TOKEN-THAT-MUST-NOT-BE-LOGGED").doesNotContainIgnoringCase(
                        "x-amz-security-token:");
    }
}
