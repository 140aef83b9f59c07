package io.lakehouse.catalog.glue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import io.airlift.log.Logger;
import io.lakehouse.catalog.security.AuthenticationException;
import io.lakehouse.catalog.security.RequestAuthenticator;
import io.lakehouse.catalog.security.SignedRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.UUID;

import static io.lakehouse.catalog.glue.GlueErrorType.INTERNAL_SERVICE;
import static io.lakehouse.catalog.glue.GlueErrorType.INVALID_INPUT;
import static io.lakehouse.catalog.glue.GlueErrorType.UNKNOWN_OPERATION;
import static com.google.common.base.Strings.nullToEmpty;
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
    private final RequestAuthenticator authenticator;
    private final ObjectMapper objectMapper;

    @Inject
    public GlueResource(GlueOperations operations, RequestAuthenticator authenticator, ObjectMapper objectMapper)
    {
        this.operations = requireNonNull(operations, "operations is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    /**
     * Authenticates the request before anything else, as AWS does. The body is taken as raw bytes
     * because the signature covers exactly those bytes.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response execute(@HeaderParam("X-Amz-Target") String target, @Context HttpHeaders headers, @Context UriInfo uriInfo, byte[] body)
    {
        String requestId = UUID.randomUUID().toString();
        byte[] content = body == null ? new byte[0] : body;
        try {
            URI uri = uriInfo.getRequestUri();
            authenticator.authenticate(SignedRequest.of("POST", nullToEmpty(uri.getRawPath()), nullToEmpty(uri.getRawQuery()), headers.getRequestHeaders(), content));
        }
        catch (AuthenticationException e) {
            log.warn("Glue request %s %s refused: %s", requestId, target, e.getMessage());
            return error(requestId, e.getFailure().code(), e.getFailure().httpStatus(), e.getMessage());
        }
        try {
            String operation = operation(target);
            ObjectNode response = operations.execute(operation, parseBody(operation, content));
            return Response.ok(objectMapper.writeValueAsBytes(response), AMZ_JSON_1_1)
                    .header("x-amzn-RequestId", requestId)
                    .build();
        }
        catch (GlueException e) {
            log.debug("Glue request %s %s failed: %s", requestId, target, e.getMessage());
            return error(requestId, e.getErrorType().code(), e.getErrorType().httpStatus(), e.getMessage());
        }
        catch (RuntimeException | JsonProcessingException e) {
            log.error(e, "Glue request %s %s failed", requestId, target);
            return error(requestId, INTERNAL_SERVICE.code(), INTERNAL_SERVICE.httpStatus(), "The catalog failed to execute %s: %s. The catalog server log has details under request id %s".formatted(target, e.getMessage(), requestId));
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

    private Response error(String requestId, String errorType, int httpStatus, String message)
    {
        ObjectNode body = objectMapper.createObjectNode();
        body.put("__type", errorType);
        body.put("Message", message);
        try {
            return Response.status(httpStatus)
                    .type(AMZ_JSON_1_1)
                    .header("x-amzn-ErrorType", errorType)
                    .header("x-amzn-RequestId", requestId)
                    .entity(objectMapper.writeValueAsBytes(body))
                    .build();
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
