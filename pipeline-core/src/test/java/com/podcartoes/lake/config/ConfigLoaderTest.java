package com.podcartoes.lake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.podcartoes.lake.testing.TestLakes;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private final Path home = TestLakes.newLakeHome("config");

    private LakeConfig load(String profile, Map<String, String> env) {
        return new ConfigLoader(env).load(profile, null);
    }

    private void writeConfig(String text) throws IOException {
        Files.writeString(home.resolve("lake.properties"), text);
    }

    @Test
    void localIsTheDefaultProfileAndRunsOnTheEmbeddedServer() {
        LakeConfig config = load(null, Map.of("LAKE_HOME", home.toString()));

        assertThat(config.profile()).isEqualTo("local");
        assertThat(config.kind()).isEqualTo(ProfileKind.LOCAL);
        assertThat(config.source().bucket()).isEqualTo("pod-source");
        assertThat(config.lake().bucket()).isEqualTo("pod-lake");
        assertThat(config.usesEmbeddedServer()).isTrue();
        assertThat(config.embeddedDataDir()).isEqualTo(home.toAbsolutePath().resolve("s3"));
        assertThat(config.get(Setting.EMR_RELEASE_LABEL)).isEqualTo("emr-spark-8.0.0");
        assertThat(config.getBoolean(Setting.DEMO_DATA)).isTrue();
        assertThat(config.origin(Setting.SOURCE_BUCKET)).isEqualTo("default (local)");
        assertThat(config.configFile()).isEmpty();
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesTheFile() throws IOException {
        writeConfig("""
                aws.source.bucket = company-drop
                aws.lake.bucket = pod-datalake
                aws.lake.credentialsProfile = pod-engineer
                aws.emr.coreInstanceCount = 4
                local.lake.bucket = my-local-lake
                """);
        Map<String, String> env = Map.of("LAKE_HOME", home.toString(), "LAKE_PROFILE", "aws",
                "LAKE_EMR_CORE_INSTANCE_COUNT", "6");

        LakeConfig config = load(null, env);

        assertThat(config.profile()).isEqualTo("aws");
        assertThat(config.source().bucket()).isEqualTo("company-drop");
        assertThat(config.lake().credentialsProfile()).contains("pod-engineer");
        assertThat(config.source().credentialsProfile()).isEmpty();
        assertThat(config.getInt(Setting.EMR_CORE_INSTANCE_COUNT)).isEqualTo(6);
        assertThat(config.origin(Setting.EMR_CORE_INSTANCE_COUNT)).isEqualTo("environment LAKE_EMR_CORE_INSTANCE_COUNT");
        assertThat(config.origin(Setting.SOURCE_BUCKET)).startsWith("file ").endsWith("lake.properties");
        assertThat(config.get(Setting.COMPUTE_BACKEND)).isEqualTo("emr");
        assertThat(config.usesEmbeddedServer()).isFalse();
        assertThat(config.emrLogUri()).isEqualTo("s3://pod-datalake/0004_logs/");
        // The --profile option beats LAKE_PROFILE.
        assertThat(new ConfigLoader(env).load("local", null).lake().bucket()).isEqualTo("my-local-lake");
    }

    @Test
    void environmentVariableNamesFollowTheKeys() {
        assertThat(Setting.SOURCE_CREDENTIALS_PROFILE.environmentVariable()).isEqualTo("LAKE_SOURCE_CREDENTIALS_PROFILE");
        assertThat(Setting.DEMO_DATA.environmentVariable()).isEqualTo("LAKE_DEMO_DATA");
        assertThat(Setting.EMR_IDLE_TIMEOUT_SECONDS.environmentVariable()).isEqualTo("LAKE_EMR_IDLE_TIMEOUT_SECONDS");
        assertThat(load(null, Map.of("LAKE_HOME", home.toString(), "LAKE_DEMO_DATA", "false"))
                .getBoolean(Setting.DEMO_DATA)).isFalse();
    }

    @Test
    void awsProfileWithoutBucketsNamesTheMissingKeyAndHowToSetIt() {
        assertThatThrownBy(() -> load("aws", Map.of("LAKE_HOME", home.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'aws.source.bucket' is required on profile 'aws'")
                .hasMessageContaining("LAKE_SOURCE_BUCKET");
    }

    @Test
    void invalidValueNamesKeyOriginAndExpectation() throws IOException {
        writeConfig("local.emr.idleTimeoutSeconds=30\n");
        assertThatThrownBy(() -> load(null, Map.of("LAKE_HOME", home.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'local.emr.idleTimeoutSeconds'")
                .hasMessageContaining("lake.properties")
                .hasMessageContaining("from 60 to 604800")
                .hasMessageContaining("got '30'");

        assertThatThrownBy(() -> load(null, Map.of("LAKE_HOME", home.toString(), "LAKE_LAKE_BUCKET", "Bad_Bucket")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'local.lake.bucket' (from environment LAKE_LAKE_BUCKET) must be a bucket name");

        assertThatThrownBy(() -> load(null, Map.of("LAKE_HOME", home.toString(), "LAKE_LAKE_ENDPOINT", "localhost:9000")))
                .hasMessageContaining("an http(s) URL");
    }

    @Test
    void unknownKeysAndSecretsInTheFileAreRefused() throws IOException {
        writeConfig("local.source.bukket=x\n");
        assertThatThrownBy(() -> load(null, Map.of("LAKE_HOME", home.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown config key 'local.source.bukket'");

        writeConfig("aws.lake.secretAccessKey=abc\n");
        assertThatThrownBy(() -> load(null, Map.of("LAKE_HOME", home.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("looks like a secret")
                .hasMessageContaining("credentialsProfile")
                .hasMessageNotContaining("abc");
    }

    @Test
    void customProfilesDeclareTheirKind() throws IOException {
        writeConfig("""
                staging.kind=aws
                staging.source.bucket=drop-staging
                staging.lake.bucket=lake-staging
                minio.kind=local
                minio.source.endpoint=http://127.0.0.1:9000
                minio.lake.endpoint=http://127.0.0.1:9000
                """);
        Map<String, String> env = Map.of("LAKE_HOME", home.toString());

        LakeConfig staging = load("staging", env);
        assertThat(staging.kind()).isEqualTo(ProfileKind.AWS);
        assertThat(staging.lake().bucket()).isEqualTo("lake-staging");

        LakeConfig minio = load("minio", env);
        assertThat(minio.usesEmbeddedServer()).isFalse();
        assertThat(minio.lake().endpoint()).isEqualTo(Optional.of(URI.create("http://127.0.0.1:9000")));

        assertThatThrownBy(() -> load("prod", env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown profile 'prod'")
                .hasMessageContaining("prod.kind=aws");
    }

    @Test
    void explicitConfigFileMustExist() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("LAKE_HOME", home.toString(),
                "LAKE_CONFIG", home.resolve("missing.properties").toString())).load(null, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.properties (from LAKE_CONFIG) does not exist");
    }
}
