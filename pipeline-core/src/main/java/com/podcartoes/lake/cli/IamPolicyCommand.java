package com.podcartoes.lake.cli;

import com.podcartoes.lake.config.LakeConfig;
import com.podcartoes.lake.config.Setting;
import com.podcartoes.lake.iam.IamPolicies;
import com.podcartoes.lake.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lake iam-policy}: the least-privilege policy of the active profile, as a JSON document to attach. */
@Command(name = "iam-policy", mixinStandardHelpOptions = true,
        description = {"Print the least-privilege IAM policy, built from the active profile's buckets, log URI, KMS"
                + " key and EMR roles: for the data engineer running the CLI or console (--for user, the"
                + " default), or for the EMR nodes' instance profile (--for emr-instance: the jobs' access to the"
                + " lake and logs, in addition to what AWS's least-privilege instance profile guide lists for the"
                + " cluster itself). The EMR service role takes AWS's managed policy AmazonEMRServicePolicy_v2."})
final class IamPolicyCommand implements Callable<Integer> {
    @ParentCommand
    LakeCli root;

    @Option(names = "--for", defaultValue = "user", paramLabel = "WHO",
            description = "user (default) or emr-instance.")
    String who;

    @Override
    public Integer call() {
        IamPolicies.Principal principal = switch (who) {
            case "user" -> IamPolicies.Principal.USER;
            case "emr-instance" -> IamPolicies.Principal.EMR_INSTANCE;
            default -> throw new IllegalArgumentException("--for is 'user' or 'emr-instance', not '" + who + "'");
        };
        LakeConfig config = root.config();
        root.spec.commandLine().getOut().println(new String(Json.write(IamPolicies.policy(config, principal)),
                StandardCharsets.UTF_8));
        if (principal == IamPolicies.Principal.USER && !config.get(Setting.COMPUTE_BACKEND).equals("emr")) {
            root.spec.commandLine().getErr().println("lake: compute.backend is not 'emr' on this profile, so the"
                    + " policy has no EMR statements");
        }
        return 0;
    }
}
