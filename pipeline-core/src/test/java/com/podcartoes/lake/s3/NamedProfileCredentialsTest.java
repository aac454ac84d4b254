package com.podcartoes.lake.s3;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.podcartoes.lake.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The named profiles data engineers log in with resolve through {@link S3Clients#credentialsFor}: a {@code role_arn}
 * profile assumes its role at STS (a stub over real HTTP, golden request), and an IAM Identity Center profile gets
 * the SSO provider (not the SDK's "module must be on the class path").
 */
class NamedProfileCredentialsTest {
    private final WireMockServer sts = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final Path dir = TestDirs.newDir("profiles");

    @AfterEach
    void clear() {
        System.clearProperty("aws.configFile");
        System.clearProperty("aws.sharedCredentialsFile");
        System.clearProperty("aws.endpointUrlSts");
        if (sts.isRunning()) {
            sts.stop();
        }
    }

    private void profiles(String config) throws Exception {
        Path configFile = Files.writeString(dir.resolve("config"), config);
        Path credentials = Files.writeString(dir.resolve("credentials"), "");
        System.setProperty("aws.configFile", configFile.toString());
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    }

    private static S3Location withProfile(String name) {
        return new S3Location("pod-lake", "us-east-1", Optional.empty(), Optional.of(name));
    }

    @Test
    void anAssumeRoleProfileGetsTheRolesSessionCredentialsFromSts() throws Exception {
        sts.start();
        sts.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml")
                .withBody("""
                        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                          <AssumeRoleResult>
                            <Credentials>
                              <AccessKeyId>ASIAROLEKEY</AccessKeyId>
                              <SecretAccessKey>role-secret</SecretAccessKey>
                              <SessionToken>role-session-token</SessionToken>
                              <Expiration>2099-01-01T00:00:00Z</Expiration>
                            </Credentials>
                            <AssumedRoleUser>
                              <AssumedRoleId>AROAEXAMPLE:lake-console</AssumedRoleId>
                              <Arn>arn:aws:sts::123456789012:assumed-role/pod-lake-engineer/lake-console</Arn>
                            </AssumedRoleUser>
                          </AssumeRoleResult>
                          <ResponseMetadata><RequestId>7a62c49f</RequestId></ResponseMetadata>
                        </AssumeRoleResponse>""")));
        System.setProperty("aws.endpointUrlSts", sts.baseUrl());
        profiles("""
                [profile base]
                aws_access_key_id = AKIABASEUSER
                aws_secret_access_key = base-secret
                region = us-east-1

                [profile engineer]
                role_arn = arn:aws:iam::123456789012:role/pod-lake-engineer
                source_profile = base
                role_session_name = lake-console
                region = us-east-1
                """);

        AwsCredentials credentials = S3Clients.credentialsFor(withProfile("engineer")).resolveCredentials();

        assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
        assertThat(credentials.accessKeyId()).isEqualTo("ASIAROLEKEY");
        assertThat(((AwsSessionCredentials) credentials).sessionToken()).isEqualTo("role-session-token");
        // The golden request: AssumeRole of the profile's role, signed with the source profile's key.
        sts.verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=AssumeRole"))
                .withRequestBody(containing("Version=2011-06-15"))
                .withRequestBody(containing("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fpod-lake-engineer"))
                .withRequestBody(containing("RoleSessionName=lake-console"))
                .withHeader("Authorization", containing("Credential=AKIABASEUSER/")));
    }

    @Test
    void anIdentityCenterProfileBuildsTheSsoProvider() throws Exception {
        profiles("""
                [profile sso-engineer]
                sso_session = pod
                sso_account_id = 123456789012
                sso_role_name = PodLakeEngineer
                region = us-east-1

                [sso-session pod]
                sso_start_url = https://pod-cartoes.awsapps.com/start
                sso_region = us-east-1
                sso_registration_scopes = sso:account:access
                """);

        // No 'aws sso login' on this machine: the SSO provider says so. Without the sso modules the SDK would fail
        // earlier, asking for the module on the class path.
        assertThatThrownBy(() -> S3Clients.credentialsFor(withProfile("sso-engineer")).resolveCredentials())
                .satisfies(e -> assertThat(chain(e)).doesNotContain("class path").containsIgnoringCase("token"));
    }

    private static String chain(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
