package com.podcartoes.lake.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.podcartoes.lake.config.ConfigLoader;
import com.podcartoes.lake.config.LakeConfig;
import com.podcartoes.lake.json.Json;
import com.podcartoes.lake.testing.TestLakes;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The policies {@code lake iam-policy} prints for an AWS profile on EMR with a KMS alias and a separate logs bucket,
 * against golden documents; and a local profile's, which has no EMR statements. Whether the actions are the ones the
 * code uses is {@link IamPolicyCoverageTest}'s part.
 */
class IamPoliciesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LakeConfig aws(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("LAKE_HOME", TestLakes.newLakeHome("iam").toString(),
                "LAKE_SOURCE_BUCKET", "podcartoes-extracts", "LAKE_LAKE_BUCKET", "podcartoes-lake",
                "LAKE_LAKE_REGION", "sa-east-1", "LAKE_COMPUTE_BACKEND", "emr",
                "LAKE_EMR_LOG_URI", "s3://podcartoes-logs/emr/", "LAKE_EMR_SERVICE_ROLE", "EMR_DefaultRole_V2"));
        env.putAll(more);
        return new ConfigLoader(env).load("aws", null);
    }

    private static JsonNode printed(LakeConfig config, IamPolicies.Principal who) {
        return JSON.readTree(Json.write(IamPolicies.policy(config, who)));
    }

    private static JsonNode golden(String name) throws Exception {
        try (InputStream in = IamPoliciesTest.class.getResourceAsStream("/iam/" + name)) {
            return JSON.readTree(in);
        }
    }

    @Test
    void theUsersPolicyNamesTheBucketsTheRolesToPassAndTheKey() throws Exception {
        assertThat(printed(aws(Map.of("LAKE_LAKE_KMS_KEY_ID", "alias/pod-lake")), IamPolicies.Principal.USER))
                .isEqualTo(golden("user-policy.json"));
    }

    @Test
    void theNodesPolicyLetsTheJobsUseTheLakeAndWriteLogsNeverTheSource() throws Exception {
        JsonNode policy = printed(aws(Map.of("LAKE_LAKE_KMS_KEY_ID",
                "arn:aws:kms:sa-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")),
                IamPolicies.Principal.EMR_INSTANCE);
        assertThat(policy).isEqualTo(golden("emr-instance-policy.json"));
        assertThat(policy.toString()).doesNotContain("podcartoes-extracts");
    }

    @Test
    void aLocalProfileHasNoEmrOrKmsStatements() {
        LakeConfig local = new ConfigLoader(Map.of("LAKE_HOME", TestLakes.newLakeHome("iam-local").toString()))
                .load("local", null);
        assertThat(printed(local, IamPolicies.Principal.USER).get("Statement").findValuesAsString("Sid"))
                .containsExactly("SourceList", "SourceRead", "LakeBucket", "LakeObjects");
    }
}
