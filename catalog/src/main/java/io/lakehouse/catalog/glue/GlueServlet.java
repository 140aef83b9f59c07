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
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.google.common.base.Strings.nullToEmpty;
import static io.lakehouse.catalog.glue.GlueErrorType.INTERNAL_SERVICE;
import static io.lakehouse.catalog.glue.GlueErrorType.INVALID_INPUT;
import static io.lakehouse.catalog.glue.GlueErrorType.UNKNOWN_OPERATION;
import static java.util.Objects.requireNonNull;

/**
 * The AWS JSON 1.1 protocol of the Glue API: {@code POST /} with the operation in
 * {@code X-Amz-Target: AWSGlue.<Operation>}, a JSON request body, and a JSON response or error.
 * The protocol has one path and one method, so it is served by a plain servlet: a JAX-RS resource
 * cost as much processor time per call as the operation itself.
 */
public class GlueServlet
        extends HttpServlet
{
    public static final String AMZ_JSON_1_1 = "application/x-amz-json-1.1";

    private static final Logger log = Logger.get(GlueServlet.class);
    private static final String TARGET_PREFIX = "AWSGlue.";

    private final GlueOperations operations;
    private final RequestAuthenticator authenticator;
    private final ObjectMapper objectMapper;

    @Inject
    public GlueServlet(GlueOperations operations, RequestAuthenticator authenticator, ObjectMapper objectMapper)
    {
        this.operations = requireNonNull(operations, "operations is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException
    {
        if (!"/".equals(request.getRequestURI())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "The Glue API is served at POST /");
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "The Glue API accepts POST only");
            return;
        }
        Answer answer = execute(request.getHeader("X-Amz-Target"), request, request.getInputStream().readAllBytes());
        response.setStatus(answer.httpStatus());
        response.setContentType(AMZ_JSON_1_1);
        response.setHeader("x-amzn-RequestId", answer.requestId());
        answer.errorType().ifPresent(errorType -> response.setHeader("x-amzn-ErrorType", errorType));
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    private record Answer(String requestId, int httpStatus, Optional<String> errorType, byte[] body) {}

    /**
     * Authenticates the request before anything else, as AWS does, over the raw body bytes the signature covers.
     */
    private Answer execute(String target, HttpServletRequest request, byte[] body)
    {
        String requestId = UUID.randomUUID().toString();
        try {
            authenticator.authenticate(SignedRequest.of("POST", nullToEmpty(request.getRequestURI()), nullToEmpty(request.getQueryString()), headers(request), body));
        }
        catch (AuthenticationException e) {
            log.warn("Glue request %s %s refused: %s", requestId, target, e.getMessage());
            return error(requestId, e.getFailure().code(), e.getFailure().httpStatus(), e.getMessage());
        }
        try {
            String operation = operation(target);
            ObjectNode response = operations.execute(operation, parseBody(operation, body));
            return new Answer(requestId, HttpServletResponse.SC_OK, Optional.empty(), objectMapper.writeValueAsBytes(response));
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

    private static Map<String, List<String>> headers(HttpServletRequest request)
    {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
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
        if (body.length == 0) {
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

    private Answer error(String requestId, String errorType, int httpStatus, String message)
    {
        ObjectNode body = objectMapper.createObjectNode();
        body.put("__type", errorType);
        body.put("Message", message);
        try {
            return new Answer(requestId, httpStatus, Optional.of(errorType), objectMapper.writeValueAsBytes(body));
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
