package io.lakehouse.catalog.glue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import io.airlift.log.Logger;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

import static io.lakehouse.catalog.glue.GlueErrorType.INTERNAL_SERVICE;
import static io.lakehouse.catalog.glue.GlueErrorType.INVALID_INPUT;
import static io.lakehouse.catalog.glue.GlueErrorType.UNKNOWN_OPERATION;
import static java.util.Objects.requireNonNull;

/**
 * The AWS JSON 1.1 protocol of the Glue API: {@code POST /} with the operation in
 * {@code X-Amz-Target: AWSGlue.<Operation>}, a JSON request body, and a JSON response or error.
 */
@Path("/")
public class GlueResource
{
    public static final String AMZ_JSON_1_1 = "application/x-amz-json-1.1";

    private static final Logger log = Logger.get(GlueResource.class);
    private static final String TARGET_PREFIX = "AWSGlue.";

    private final GlueOperations operations;
    private final ObjectMapper objectMapper;

    @Inject
    public GlueResource(GlueOperations operations, ObjectMapper objectMapper)
    {
        this.operations = requireNonNull(operations, "operations is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    /**
     * Requests are not authenticated yet, and any credentials are accepted. The body is taken as raw
     * bytes because a SigV4 check, when added here, hashes exactly those bytes together with the
     * Authorization, X-Amz-Date and Host headers.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response execute(@HeaderParam("X-Amz-Target") String target, byte[] body)
    {
        String requestId = UUID.randomUUID().toString();
        try {
            String operation = operation(target);
            ObjectNode response = operations.execute(operation, parseBody(operation, body));
            return Response.ok(objectMapper.writeValueAsBytes(response), AMZ_JSON_1_1)
                    .header("x-amzn-RequestId", requestId)
                    .build();
        }
        catch (GlueException e) {
            log.debug("Glue request %s %s failed: %s", requestId, target, e.getMessage());
            return error(requestId, e.getErrorType(), e.getMessage());
        }
        catch (RuntimeException | JsonProcessingException e) {
            log.error(e, "Glue request %s %s failed", requestId, target);
            return error(requestId, INTERNAL_SERVICE, "The catalog failed to execute %s: %s. The catalog server log has details under request id %s".formatted(target, e.getMessage(), requestId));
        }
    }

    private static String operation(String target)
    {
        if (target == null || !target.startsWith(TARGET_PREFIX) || target.length() == TARGET_PREFIX.length()) {
            throw new GlueException(UNKNOWN_OPERATION, "Expected the header X-Amz-Target: %s<Operation>, but got: %s".formatted(TARGET_PREFIX, target));
        }
        return target.substring(TARGET_PREFIX.length());
    }

    private ObjectNode parseBody(String operation, byte[] body)
    {
        if (body == null || body.length == 0) {
            return objectMapper.createObjectNode();
        }
        JsonNode node;
        try {
            node = objectMapper.readTree(body);
        }
        catch (JsonProcessingException e) {
            throw new GlueException(INVALID_INPUT, "%s request body is not valid JSON: %s".formatted(operation, e.getOriginalMessage()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            return objectMapper.createObjectNode();
        }
        if (!node.isObject()) {
            throw new GlueException(INVALID_INPUT, "%s request body must be a JSON object, but was: %s".formatted(operation, node.getNodeType()));
        }
        return (ObjectNode) node;
    }

    private Response error(String requestId, GlueErrorType type, String message)
    {
        ObjectNode body = objectMapper.createObjectNode();
        body.put("__type", type.code());
        body.put("Message", message);
        try {
            return Response.status(type.httpStatus())
                    .type(AMZ_JSON_1_1)
                    .header("x-amzn-ErrorType", type.code())
                    .header("x-amzn-RequestId", requestId)
                    .entity(objectMapper.writeValueAsBytes(body))
                    .build();
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
