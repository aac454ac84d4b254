package com.podcartoes.lake.iam;

import com.podcartoes.lake.config.LakeConfig;
import com.podcartoes.lake.config.ProfileKind;
import com.podcartoes.lake.config.Setting;
import com.podcartoes.lake.layout.LakeLayout;
import com.podcartoes.lake.s3.S3Uri;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The least-privilege IAM policies of the lake, built from the configured buckets, log URI, KMS key and EMR roles.
 * What the tool may do is derived from the API operations it sends ({@link #S3_OPERATIONS}, {@link #EMR_OPERATIONS}),
 * one source of truth: a test records the operations the test suites really send and checks both ways that they
 * are these.
 */
public final class IamPolicies {
    /** Each S3 operation the CLI and the console send, and the IAM actions it needs. */
    public static final Map<String, List<String>> S3_OPERATIONS = Map.ofEntries(
            Map.entry("HeadBucket", List.of("s3:ListBucket")),
            Map.entry("ListObjectsV2", List.of("s3:ListBucket")),
            Map.entry("CreateBucket", List.of("s3:CreateBucket")),
            Map.entry("GetBucketLifecycleConfiguration", List.of("s3:GetLifecycleConfiguration")),
            Map.entry("PutBucketLifecycleConfiguration", List.of("s3:PutLifecycleConfiguration")),
            Map.entry("HeadObject", List.of("s3:GetObject")),
            Map.entry("GetObject", List.of("s3:GetObject")),
            Map.entry("PutObject", List.of("s3:PutObject")),
            Map.entry("CreateMultipartUpload", List.of("s3:PutObject")),
            Map.entry("UploadPart", List.of("s3:PutObject")),
            Map.entry("CompleteMultipartUpload", List.of("s3:PutObject")),
            Map.entry("AbortMultipartUpload", List.of("s3:AbortMultipartUpload")),
            Map.entry("DeleteObject", List.of("s3:DeleteObject")),
            Map.entry("DeleteObjects", List.of("s3:DeleteObject")));

    /** Each EMR operation the CLI and the console send; the IAM action has the operation's name. */
    public static final List<String> EMR_OPERATIONS = List.of("RunJobFlow", "AddJobFlowSteps", "DescribeStep",
            "ListSteps", "CancelSteps", "DescribeCluster", "ListClusters", "ListInstanceGroups",
            "TerminateJobFlows");

    /**
     * The Glue Data Catalog operations on the lake's tables: the console and the CLI read them, {@code lake maintain}
     * commits snapshot expiries and {@code lake setup --rebuild-tables} drops them; the jobs on EMR also create the
     * database and the tables and commit.
     */
    public static final List<String> GLUE_USER_OPERATIONS = List.of("GetTable", "UpdateTable", "DeleteTable");
    public static final List<String> GLUE_JOB_OPERATIONS = List.of("GetDatabase", "CreateDatabase", "GetTable",
            "CreateTable", "UpdateTable");

    /** Bucket-level actions (on {@code arn:aws:s3:::bucket}); the others act on objects ({@code bucket/*}). */
    private static final Set<String> BUCKET_ACTIONS = Set.of("s3:ListBucket", "s3:CreateBucket",
            "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration");

    private IamPolicies() {
    }

    /** Which policy: the data engineer's (CLI and console), or the EMR nodes' instance profile. */
    public enum Principal {
        USER, EMR_INSTANCE
    }

    public static Map<String, Object> policy(LakeConfig config, Principal principal) {
        return principal == Principal.USER ? user(config) : emrInstance(config);
    }

    /** The actions of the S3 operations, in a stable order. */
    static Set<String> s3Actions() {
        Set<String> actions = new TreeSet<>();
        S3_OPERATIONS.values().forEach(actions::addAll);
        return actions;
    }

    private static Map<String, Object> user(LakeConfig config) {
        String source = config.get(Setting.SOURCE_BUCKET);
        String lake = config.get(Setting.LAKE_BUCKET);
        List<Map<String, Object>> statements = new ArrayList<>();
        // The company's drop bucket: read its extracts, nothing else.
        statements.add(statement("SourceList", List.of("s3:ListBucket"), List.of(bucketArn(source)),
                Map.of("StringLike", Map.of("s3:prefix", List.of(LakeLayout.INGESTION + "*")))));
        statements.add(statement("SourceRead", List.of("s3:GetObject"),
                List.of(bucketArn(source) + "/" + LakeLayout.INGESTION + "*"), null));
        // The lake: every S3 action the tool uses, on the lake bucket and its objects.
        Set<String> bucketLevel = new TreeSet<>();
        Set<String> objectLevel = new TreeSet<>();
        for (String action : s3Actions()) {
            (BUCKET_ACTIONS.contains(action) ? bucketLevel : objectLevel).add(action);
        }
        statements.add(statement("LakeBucket", List.copyOf(bucketLevel), List.of(bucketArn(lake)), null));
        statements.add(statement("LakeObjects", List.copyOf(objectLevel), List.of(bucketArn(lake) + "/*"), null));
        if (config.kind() == ProfileKind.AWS) {
            statements.add(glue(config, GLUE_USER_OPERATIONS));
        }
        logsBucket(config, lake).ifPresent(logs -> {
            statements.add(statement("LogsList", List.of("s3:ListBucket"), List.of(bucketArn(logs.bucket())),
                    null));
            statements.add(statement("LogsRead", List.of("s3:GetObject"),
                    List.of(bucketArn(logs.bucket()) + "/" + logs.key() + "*"), null));
        });
        if (config.get(Setting.COMPUTE_BACKEND).equals("emr")) {
            List<String> emr = new ArrayList<>();
            EMR_OPERATIONS.forEach(op -> emr.add("elasticmapreduce:" + op));
            emr.add("elasticmapreduce:AddTags"); // RunJobFlow with tags is authorized as tagging on create too
            statements.add(statement("Emr", emr, List.of("*"), null));
            statements.add(statement("PassEmrRoles", List.of("iam:PassRole"),
                    List.of(roleArn(config.get(Setting.EMR_SERVICE_ROLE)),
                            roleArn(config.get(Setting.EMR_JOB_FLOW_ROLE))),
                    Map.of("StringEquals", Map.of("iam:PassedToService",
                            List.of("elasticmapreduce.amazonaws.com", "ec2.amazonaws.com")))));
            // lake doctor: whether the roles exist (it says "cannot be seen" without this, nothing worse).
            statements.add(statement("SeeEmrRoles", List.of("iam:GetRole", "iam:GetInstanceProfile"),
                    List.of(roleArn(config.get(Setting.EMR_SERVICE_ROLE)),
                            "arn:aws:iam::*:instance-profile/" + config.get(Setting.EMR_JOB_FLOW_ROLE)), null));
        }
        kms(config).ifPresent(statements::add);
        return document(statements);
    }

    private static Map<String, Object> emrInstance(LakeConfig config) {
        String lake = config.get(Setting.LAKE_BUCKET);
        List<Map<String, Object>> statements = new ArrayList<>();
        // The jobs (EMRFS): list and read raw, write and replace the Trusted and Refined layers and the control
        // area, read the jobs jar; they never see the source bucket.
        statements.add(statement("LakeBucket", List.of("s3:ListBucket", "s3:GetBucketLocation"),
                List.of(bucketArn(lake)), null));
        statements.add(statement("LakeObjects", List.of("s3:AbortMultipartUpload", "s3:DeleteObject",
                "s3:GetObject", "s3:PutObject"), List.of(bucketArn(lake) + "/*"), null));
        statements.add(glue(config, GLUE_JOB_OPERATIONS));
        S3Uri logs = S3Uri.parse(withSlash(config.emrLogUri()));
        if (!logs.bucket().equals(lake)) {
            statements.add(statement("LogsWrite", List.of("s3:PutObject"),
                    List.of(bucketArn(logs.bucket()) + "/" + logs.key() + "*"), null));
        }
        kms(config).ifPresent(statements::add);
        return document(statements);
    }

    /** The lake's Iceberg tables in the Glue Data Catalog: its catalog, the database and the tables in it. */
    private static Map<String, Object> glue(LakeConfig config, List<String> operations) {
        String prefix = "arn:aws:glue:" + config.get(Setting.LAKE_REGION) + ":*:";
        String database = config.get(Setting.LAKE_CATALOG_DATABASE);
        return statement("LakeTables", operations.stream().map(op -> "glue:" + op).toList(),
                List.of(prefix + "catalog", prefix + "database/" + database, prefix + "table/" + database + "/*"),
                null);
    }

    private static java.util.Optional<S3Uri> logsBucket(LakeConfig config, String lake) {
        if (!config.get(Setting.COMPUTE_BACKEND).equals("emr")) {
            return java.util.Optional.empty();
        }
        S3Uri logs = S3Uri.parse(withSlash(config.emrLogUri()));
        return logs.bucket().equals(lake) ? java.util.Optional.empty() : java.util.Optional.of(logs);
    }

    private static java.util.Optional<Map<String, Object>> kms(LakeConfig config) {
        String key = config.getOptional(Setting.LAKE_KMS_KEY_ID).orElse("");
        if (key.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> actions = List.of("kms:Decrypt", "kms:GenerateDataKey");
        if (key.startsWith("arn:")) {
            return java.util.Optional.of(statement("LakeKey", actions, List.of(key), null));
        }
        // An alias or a bare id: IAM cannot name a key by alias, so allow the keys that alias (or id) names.
        String region = config.get(Setting.LAKE_REGION);
        return java.util.Optional.of(key.startsWith("alias/")
                ? statement("LakeKey", actions, List.of("arn:aws:kms:" + region + ":*:key/*"),
                        Map.of("ForAnyValue:StringEquals", Map.of("kms:ResourceAliases", List.of(key))))
                : statement("LakeKey", actions, List.of("arn:aws:kms:" + region + ":*:key/" + key), null));
    }

    private static Map<String, Object> document(List<Map<String, Object>> statements) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Version", "2012-10-17");
        policy.put("Statement", statements);
        return policy;
    }

    private static Map<String, Object> statement(String sid, List<String> actions, List<String> resources,
                                                 Map<String, Object> condition) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", sid);
        statement.put("Effect", "Allow");
        statement.put("Action", List.copyOf(new LinkedHashSet<>(actions)));
        statement.put("Resource", resources.size() == 1 ? resources.get(0) : resources);
        if (condition != null) {
            statement.put("Condition", condition);
        }
        return statement;
    }

    private static String bucketArn(String bucket) {
        return "arn:aws:s3:::" + bucket;
    }

    /** A role by name in whatever account the credentials are in (the policy is attached in that account). */
    private static String roleArn(String name) {
        return name.startsWith("arn:") ? name : "arn:aws:iam::*:role/" + name;
    }

    private static String withSlash(String uri) {
        return uri.endsWith("/") ? uri : uri + "/";
    }
}
