package com.podcartoes.lake.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A stub EMR endpoint over real HTTP (WireMock on 127.0.0.1, AWS JSON 1.1 protocol) and an SDK client pointed at
 * it: operations are stubbed by name, requests read back in the order they came, bodies compared with golden files
 * written from the EMR API reference ({@code src/test/resources/emr/}).
 */
public final class StubEmr implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final EmrClient client;

    public StubEmr() {
        server.start();
        client = EmrClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    public EmrClient client() {
        return client;
    }

    public WireMockServer server() {
        return server;
    }

    public static MappingBuilder operation(String name) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("ElasticMapReduce." + name));
    }

    /** {@code operation} whose request body contains {@code text}. */
    public static MappingBuilder operation(String name, String text) {
        return operation(name).withRequestBody(containing(text));
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(body);
    }

    /** Every call of {@code operation} answers {@code body}. */
    public void stub(String operation, String body) {
        server.stubFor(operation(operation).willReturn(json(200, body)));
    }

    /** Successive calls of {@code operation} answer each body in turn (null: the connection resets), the last for ever. */
    public void sequence(String operation, String... bodies) {
        String scenario = operation + "-sequence";
        for (int i = 0; i < bodies.length; i++) {
            String state = i == 0 ? Scenario.STARTED : scenario + "-" + i;
            String next = i == bodies.length - 1 ? state : scenario + "-" + (i + 1);
            server.stubFor(operation(operation).inScenario(scenario).whenScenarioStateIs(state).willSetStateTo(next)
                    .willReturn(bodies[i] == null ? aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)
                            : json(200, bodies[i])));
        }
    }

    /** The body of the one call of {@code operation}. */
    public JsonNode requestBody(String operation) {
        var requests = server.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("ElasticMapReduce." + operation)));
        assertThat(requests).as(operation + " requests").hasSize(1);
        return JSON.readTree(requests.get(0).getBodyAsString());
    }

    /** The operations called, first to last, each with its request body. */
    public List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        java.util.Collections.reverse(events); // WireMock lists the newest first
        for (ServeEvent event : events) {
            String target = event.getRequest().getHeader("X-Amz-Target");
            calls.add(new Call(target.substring(target.indexOf('.') + 1),
                    JSON.readTree(event.getRequest().getBodyAsString())));
        }
        return calls;
    }

    public int requestCount() {
        return server.findAll(postRequestedFor(urlEqualTo("/"))).size();
    }

    public void resetRequests() {
        server.resetRequests();
    }

    public record Call(String operation, JsonNode body) {
    }

    public static JsonNode golden(String name) {
        try (InputStream in = StubEmr.class.getResourceAsStream("/emr/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file emr/" + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.stop();
    }
}
