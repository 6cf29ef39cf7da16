package com.waltalk.protocol.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.ProtocolException;

/**
 * Typed, strict access to the properties of one received JSON object. Nothing is coerced: a
 * string is never read as a number, a fraction never as an integer, {@code null} never as a
 * value. Every failure is a {@link ErrorCode#BAD_FIELD} naming the property.
 */
final class JsonFields {

    private final JsonNode object;

    JsonFields(JsonNode object) {
        this.object = object;
    }

    int requiredInt(String name) throws ProtocolException {
        JsonNode node = required(name);
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(name, "a 32-bit integer");
        }
        return node.intValue();
    }

    long requiredLong(String name) throws ProtocolException {
        JsonNode node = required(name);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(name, "a 64-bit integer");
        }
        return node.longValue();
    }

    boolean requiredBoolean(String name) throws ProtocolException {
        JsonNode node = required(name);
        if (!node.isBoolean()) {
            throw wrongType(name, "a boolean");
        }
        return node.booleanValue();
    }

    String requiredString(String name) throws ProtocolException {
        JsonNode node = required(name);
        if (!node.isTextual()) {
            throw wrongType(name, "a string");
        }
        return node.textValue();
    }

    /** The string value, or {@code null} if the property is absent or JSON {@code null}. */
    String optionalString(String name) throws ProtocolException {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(name, "a string");
        }
        return node.textValue();
    }

    private JsonNode required(String name) throws ProtocolException {
        JsonNode node = object.get(name);
        if (node == null) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "missing field '" + name + "'");
        }
        return node;
    }

    private static ProtocolException wrongType(String name, String expected) {
        return new ProtocolException(ErrorCode.BAD_FIELD,
                "field '" + name + "' must be " + expected);
    }
}
