package com.podcartoes.lake.tables;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.podcartoes.lake.context.LakeContext;
import com.podcartoes.lake.layout.LakeCatalog;
import com.podcartoes.lake.layout.LakeTable;
import com.podcartoes.lake.testing.TestLakes;
import com.podcartoes.lake.testing.TestTables;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The AWS side of the catalog: on an AWS profile the tables are found in the Glue Data Catalog. Proved over real
 * HTTP against a stub Glue endpoint (WireMock, AWS JSON 1.1), with the GetTable request checked against a golden
 * body written from the Glue API reference; the table's metadata is a real Iceberg table's.
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
        String metadata = ((org.apache.iceberg.HasTableOperations) lake.tables().table(LakeTable.BOOK).orElseThrow())
                .operations().current().metadataFileLocation();
        glue.start();
        glue.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSGlue.GetTable"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"Table\": {\"Name\": \"book_fatura\", \"DatabaseName\": \"pod_lake\","
                                + " \"TableType\": \"EXTERNAL_TABLE\", \"Parameters\": {\"table_type\": \"ICEBERG\","
                                + " \"metadata_location\": \"" + metadata + "\"}}}")));
        // The default credential chain, as on a data engineer's machine (here from system properties).
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        LakeCatalog spec = LakeCatalog.glue("pod_lake");
        Map<String, String> properties = new HashMap<>(spec.properties("s3://pod-lake/"));
        assertThat(properties).containsEntry("catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog")
                .containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        properties.put("glue.endpoint", "http://127.0.0.1:" + glue.port());
        properties.put("client.region", "us-east-1");
        properties.put("io-impl", "org.apache.iceberg.hadoop.HadoopFileIO"); // the metadata is on this disk

        try (LakeTablesReader tables = new LakeTablesReader(spec, properties)) {
            assertThat(tables.partitionValues(LakeTable.BOOK, "ref")).containsExactly("202401", "202402");
            assertThat(tables.describe()).isEqualTo("the Glue database pod_lake");
        }

        var requests = glue.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSGlue.GetTable")));
        assertThat(requests).isNotEmpty();
        try (InputStream golden = getClass().getResourceAsStream("/glue/get-table.json")) {
            JsonNode expected = JSON.readTree(golden);
            assertThat(JSON.readTree(requests.get(0).getBodyAsString())).isEqualTo(expected);
        }
        assertThat(requests.get(0).getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=test/")
                .contains("/us-east-1/glue/aws4_request");
    }
}
