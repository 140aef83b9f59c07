package io.lakehouse.catalog.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehouse.catalog.store.ResultPage;

import java.util.Base64;
import java.util.Optional;

import static io.lakehouse.catalog.glue.GlueErrorType.INVALID_INPUT;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The opaque NextToken of Glue listings: the key of the last item returned, tagged with the
 * operation so that a token cannot be replayed against a different listing.
 */
final class PageToken
{
    private static final char SEPARATOR = '\n';

    private PageToken() {}

    static Optional<String> readKey(GlueRequest request)
    {
        return request.optionalString("NextToken").map(token -> decode(request.operation(), token));
    }

    static Optional<String> toToken(String operation, Optional<String> key)
    {
        return key.map(value -> Base64.getUrlEncoder().withoutPadding().encodeToString((operation + SEPARATOR + value).getBytes(UTF_8)));
    }

    /**
     * Builds the response of a listing: the page's items under {@code listField}, and a NextToken when more follow.
     */
    static ObjectNode listResponse(String operation, String listField, ResultPage<? extends JsonNode> page)
    {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.putArray(listField).addAll(page.items());
        toToken(operation, page.nextKey()).ifPresent(token -> response.put("NextToken", token));
        return response;
    }

    private static String decode(String operation, String token)
    {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(token), UTF_8);
        }
        catch (IllegalArgumentException e) {
            throw invalidToken(operation);
        }
        String prefix = operation + SEPARATOR;
        if (!decoded.startsWith(prefix)) {
            throw invalidToken(operation);
        }
        return decoded.substring(prefix.length());
    }

    static GlueException invalidToken(String operation)
    {
        return new GlueException(INVALID_INPUT, "NextToken was not returned by a previous %s call; repeat the listing from the start without NextToken".formatted(operation));
    }
}
