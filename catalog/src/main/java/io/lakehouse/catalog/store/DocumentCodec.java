package io.lakehouse.catalog.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static java.util.Objects.requireNonNull;

/**
 * Converts the stored JSON documents to and from the text kept in the database.
 */
final class DocumentCodec
{
    private final ObjectMapper objectMapper;

    DocumentCodec(ObjectMapper objectMapper)
    {
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
    }

    String encode(ObjectNode document)
    {
        try {
            return objectMapper.writeValueAsString(document);
        }
        catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize catalog document", e);
        }
    }

    ObjectNode decode(String text)
    {
        try {
            JsonNode node = objectMapper.readTree(text);
            if (!node.isObject()) {
                throw new CatalogStoreException("Catalog database holds a document that is not a JSON object: " + text, null);
            }
            return (ObjectNode) node;
        }
        catch (JsonProcessingException e) {
            throw new CatalogStoreException("Catalog database holds a document that is not valid JSON; the database file may be damaged", e);
        }
    }
}
