package com.podcartoes.lake.tables;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.layout.LakeCatalog;
import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.maintain.LakeMaintenance;
import com.podcartoes.lake.testing.TestLakes;
import com.podcartoes.lake.testing.TestTables;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The AWS side of the catalog: on an AWS profile the tables are found in the Glue Data Catalog. Proved over real
 * HTTP against a stub Glue endpoint (WireMock, AWS JSON 1.1), with the GetTable, UpdateTable ({@code lake
 * maintain}) and DeleteTable ({@code lake setup --rebuild-tables}) requests checked against golden bodies written
 * from the Glue API reference; the table's metadata is a real Iceberg table's.
 */
class GlueTablesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WireMockServer glue = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final LakeContext lake = TestLakes.open("glue");

    @AfterEach
    void stop() {
        glue.stop();
        lake.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void theMonthsOfTheBookAreReadThroughGlueGetTable() throws Exception {
        // A real table (metadata and manifests), committed through the local catalog; Glue will point at it.
        TestTables.commitMonths(lake, LakeTable.BOOK, "202401", "202402");
        glueHasTheBook();

        try (LakeTablesReader tables = glueTables()) {
            assertThat(tables.partitionValues(LakeTable.BOOK, "ref")).containsExactly("202401", "202402");
            assertThat(tables.describe()).isEqualTo("the Glue database pod_lake");
        }

        var requests = sent("GetTable");
        assertThat(requests).isNotEmpty();
        assertThat(JSON.readTree(requests.get(0).getBodyAsString())).isEqualTo(golden("get-table.json"));
        assertThat(requests.get(0).getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=test/")
                .contains("/us-east-1/glue/aws4_request");
    }

    @Test
    void lakeMaintainExpiresTheBooksOldSnapshotsThroughGlueUpdateTable() throws Exception {
        TestTables.commitMonths(lake, LakeTable.BOOK, "202401");
        TestTables.commitMonths(lake, LakeTable.BOOK, "202402");
        String before = glueHasTheBook();
        glue.stubFor(glueCall("UpdateTable").willReturn(ok("{}")));
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(100));

        LakeMaintenance.Result result;
        try (LakeTablesReader tables = glueTables()) {
            result = new LakeMaintenance(lake.lake(), later).tables(tables).execute();
        }

        assertThat(result.pruned()).anySatisfy(p -> assertThat(p.what())
                .startsWith("book_fatura: 1 snapshot(s) before"));
        // One UpdateTable: the table now points at a new metadata file, the previous one named, at the version read.
        var updates = sent("UpdateTable");
        assertThat(updates).hasSize(1);
        JsonNode body = JSON.readTree(updates.get(0).getBodyAsString());
        JsonNode parameters = body.path("TableInput").path("Parameters");
        assertThat(parameters.path("previous_metadata_location").asText()).isEqualTo(before);
        String after = parameters.path("metadata_location").asText();
        assertThat(after).isNotEqualTo(before).startsWith(before.substring(0, before.lastIndexOf('/') + 1))
                .endsWith(".metadata.json");
        // The new metadata is a real one: the book's current snapshot, and no other.
        assertThat(org.apache.iceberg.TableMetadataParser.read(new org.apache.iceberg.hadoop.HadoopFileIO(
                new org.apache.hadoop.conf.Configuration()), after).snapshots()).hasSize(1);
        assertThat(JSON.readTree(normalized(updates.get(0).getBodyAsString(), before, after)))
                .isEqualTo(golden("update-table.json"));
    }

    @Test
    void rebuildingTheTablesDropsThemFromGlue() throws Exception {
        TestTables.commitMonths(lake, LakeTable.BOOK, "202401");
        glueHasTheBook();
        glue.stubFor(glueCall("DeleteTable").atPriority(1)
                .withRequestBody(matchingJsonPath("$.Name", equalTo("book_fatura"))).willReturn(ok("{}")));
        glue.stubFor(glueCall("DeleteTable").atPriority(2).willReturn(notFound()));

        TablesRebuild.Result result;
        try (LakeTablesReader tables = glueTables()) {
            result = TablesRebuild.run(lake.lake(), tables, Clock.systemUTC());
        }

        assertThat(result.lines()).contains("table book_fatura: dropped from the Glue database pod_lake")
                .noneMatch(line -> line.startsWith("table tb_"));
        var deletes = sent("DeleteTable");
        assertThat(deletes).hasSize(LakeTable.values().length);
        assertThat(deletes).anySatisfy(d -> assertThat(JSON.readTree(d.getBodyAsString()))
                .isEqualTo(golden("delete-table.json")));
    }

    /** Glue answers GetTable for the book (pointing at its metadata here) and "not found" for the other tables. */
    private String glueHasTheBook() {
        String metadata = ((org.apache.iceberg.HasTableOperations) lake.tables().table(LakeTable.BOOK).orElseThrow())
                .operations().current().metadataFileLocation();
        glue.start();
        glue.stubFor(glueCall("GetTable").atPriority(1)
                .withRequestBody(matchingJsonPath("$.Name", equalTo("book_fatura")))
                .willReturn(ok("{\"Table\": {\"Name\": \"book_fatura\", \"DatabaseName\": \"pod_lake\","
                        + " \"TableType\": \"EXTERNAL_TABLE\", \"VersionId\": \"7\", \"Parameters\":"
                        + " {\"table_type\": \"ICEBERG\", \"metadata_location\": \"" + metadata + "\"}}}")));
        glue.stubFor(glueCall("GetTable").atPriority(2).willReturn(notFound()));
        return metadata;
    }

    /** The tables through Glue, as on an AWS profile, with the default credential chain (system properties here). */
    private LakeTablesReader glueTables() {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        LakeCatalog spec = LakeCatalog.glue("pod_lake");
        Map<String, String> properties = new HashMap<>(spec.properties("s3://pod-lake/"));
        assertThat(properties).containsEntry("catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog")
                .containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        properties.put("glue.endpoint", "http://127.0.0.1:" + glue.port());
        properties.put("client.region", "us-east-1");
        properties.put("io-impl", "org.apache.iceberg.hadoop.HadoopFileIO"); // the metadata is on this disk
        return new LakeTablesReader(spec, properties);
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder glueCall(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSGlue." + operation));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder notFound() {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\": \"EntityNotFoundException\", \"Message\": \"Table not found\"}");
    }

    private List<com.github.tomakehurst.wiremock.verification.LoggedRequest> sent(String operation) {
        return glue.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
                equalTo("AWSGlue." + operation)));
    }

    private JsonNode golden(String name) throws Exception {
        try (InputStream golden = getClass().getResourceAsStream("/glue/" + name)) {
            return JSON.readTree(golden);
        }
    }

    /** The body with this run's metadata files (random names on this disk) replaced by fixed names. */
    private static String normalized(String body, String before, String after) {
        return body.replace(after, "NEW_METADATA").replace(before, "PREVIOUS_METADATA");
    }
}
