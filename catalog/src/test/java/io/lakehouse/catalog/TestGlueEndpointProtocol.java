package io.lakehouse.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;

import static io.lakehouse.catalog.TestGlueEndpointDatabases.simpleTable;
import static io.lakehouse.catalog.TestingGlueEndpoint.signedPost;
import static java.net.http.HttpResponse.BodyHandlers.ofString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

@TestInstance(PER_CLASS)
final class TestGlueEndpointProtocol
{
    private final TestingGlueEndpoint endpoint = new TestingGlueEndpoint();
    private final GlueClient glue = endpoint.client();
    private final HttpClient httpClient = HttpClient.newHttpClient();
    private final ObjectMapper objectMapper = new ObjectMapper();

    @AfterAll
    void tearDown()
    {
        httpClient.close();
        endpoint.close();
    }

    @Test
    void testSuccessfulCallAnswersWithAmzJson()
            throws Exception
    {
        HttpResponse<String> response = post("AWSGlue.GetDatabases", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/x-amz-json-1.1"));
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(objectMapper.readTree(response.body()).has("DatabaseList")).isTrue();
    }

    @Test
    void testEmptyBodyIsAnEmptyRequest()
            throws Exception
    {
        assertThat(post("AWSGlue.GetDatabases", "").statusCode()).isEqualTo(200);
    }

    @Test
    void testErrorCarriesGlueTypeInHeaderAndBody()
            throws Exception
    {
        HttpResponse<String> response = post("AWSGlue.GetDatabase", "{\"Name\":\"nowhere\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("EntityNotFoundException");
        JsonNode body = objectMapper.readTree(response.body());
        assertThat(body.get("__type").asText()).isEqualTo("EntityNotFoundException");
        assertThat(body.get("Message").asText()).contains("Database nowhere not found");
    }

    @Test
    void testUnknownOperationIsRejected()
            throws Exception
    {
        HttpResponse<String> response = post("AWSGlue.StartCrawler", "{\"Name\":\"crawler\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
        assertThat(objectMapper.readTree(response.body()).get("Message").asText())
                .contains("Operation StartCrawler is not supported by this catalog")
                .contains("GetPartitions");
    }

    @Test
    void testMissingOrForeignTargetIsRejected()
            throws Exception
    {
        HttpResponse<String> missing = httpClient.send(signedPost(endpoint.baseUri(), Map.of("Content-Type", "application/x-amz-json-1.1"), "{}"), ofString());
        HttpResponse<String> foreign = post("DynamoDB_20120810.ListTables", "{}");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
        assertThat(objectMapper.readTree(missing.body()).get("Message").asText()).contains("Expected the header X-Amz-Target: AWSGlue.<Operation>");
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
    }

    @Test
    void testMalformedBodyIsInvalidInput()
            throws Exception
    {
        HttpResponse<String> notJson = post("AWSGlue.GetDatabase", "{\"Name\":");
        HttpResponse<String> notObject = post("AWSGlue.GetDatabase", "[1, 2]");
        HttpResponse<String> wrongType = post("AWSGlue.GetDatabase", "{\"Name\": 7}");

        assertThat(notJson.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidInputException");
        assertThat(objectMapper.readTree(notJson.body()).get("Message").asText()).contains("GetDatabase request body is not valid JSON");
        assertThat(objectMapper.readTree(notObject.body()).get("Message").asText()).contains("GetDatabase request body must be a JSON object");
        assertThat(objectMapper.readTree(wrongType.body()).get("Message").asText()).contains("GetDatabase field Name must be a string");
    }

    @Test
    void testSdkMapsErrorsToTypedExceptions()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("typed_errors")));
        glue.createTable(request -> request.databaseName("typed_errors").tableInput(simpleTable("t")));

        assertThatThrownBy(() -> glue.getTable(request -> request.databaseName("typed_errors").name("absent")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Table typed_errors.absent not found");
        assertThatThrownBy(() -> glue.createDatabase(request -> request.databaseInput(input -> input.name("typed_errors"))))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("Database typed_errors already exists");
        assertThatThrownBy(() -> glue.getTables(request -> request.databaseName("typed_errors").maxResults(101)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("GetTables field MaxResults must be between 1 and 100, but was 101");
        assertThatThrownBy(() -> glue.updateTable(request -> request.databaseName("typed_errors").versionId("5").tableInput(simpleTable("t"))))
                .isInstanceOf(ConcurrentModificationException.class)
                .hasMessageContaining("Table typed_errors.t is at version 0, but UpdateTable expected version 5");
        assertThatThrownBy(() -> glue.getTables(request -> request.databaseName("typed_errors").nextToken("not-a-token")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("NextToken was not returned by a previous GetTables call");
    }

    @Test
    void testUnknownOperationReachesSdkAsGlueException()
    {
        // the SDK knows no exception type for UnknownOperationException, so it surfaces as the service's base type
        assertThatThrownBy(() -> glue.startCrawler(request -> request.name("crawler")))
                .isExactlyInstanceOf(GlueException.class)
                .hasMessageContaining("Operation StartCrawler is not supported by this catalog");
    }

    @Test
    void testOtherCatalogIdIsRejected()
    {
        assertThat(glue.getDatabases(request -> request.catalogId("000000000000")).databaseList()).isNotNull();
        assertThatThrownBy(() -> glue.getDatabases(request -> request.catalogId("123456789012")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Catalog 123456789012 not found; this endpoint serves catalog 000000000000");
    }

    @Test
    void testUnsupportedRequestFieldsAreRejected()
    {
        glue.createDatabase(request -> request.databaseInput(input -> input.name("unsupported_fields")));

        assertThatThrownBy(() -> glue.getTables(request -> request.databaseName("unsupported_fields").transactionId("tx")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("GetTables field TransactionId is not supported by this catalog");
    }

    private HttpResponse<String> post(String target, String body)
            throws IOException, InterruptedException
    {
        return httpClient.send(signedPost(URI.create(endpoint.baseUri() + "/"), Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", target), body), ofString());
    }
}
