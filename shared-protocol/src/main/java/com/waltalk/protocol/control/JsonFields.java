package com.waltalk.protocol.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed, strict access to the properties of one received JSON object. Nothing is coerced: a
 * string is never read as a number, a fraction never as an integer, {@code null} never as a
 * value. Every failure is a {@link ErrorCode#BAD_FIELD} naming the property; properties of
 * nested objects are named by their path, such as {@code calls[2].callerMedia.videoOn}.
 */
final class JsonFields {

    private final JsonNode object;
    private final String path;

    JsonFields(JsonNode object) {
        this(object, "");
    }

    private JsonFields(JsonNode object, String path) {
        this.object = object;
        this.path = path;
    }

    /** How error messages name property {@code name} of this object. */
    String name(String name) {
        return path + name;
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

    /** The integer value, or {@code null} if the property is absent or JSON {@code null}. */
    Long optionalLong(String name) throws ProtocolException {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
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

    /** The boolean value, or {@code fallback} if the property is absent or JSON {@code null}. */
    boolean optionalBoolean(String name, boolean fallback) throws ProtocolException {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
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

    /** The properties of a nested JSON object. */
    JsonFields requiredObject(String name) throws ProtocolException {
        JsonNode node = required(name);
        if (!node.isObject()) {
            throw wrongType(name, "an object");
        }
        return new JsonFields(node, path + name + ".");
    }

    /**
     * The elements of an array of JSON objects.
     *
     * @throws ProtocolException {@link ErrorCode#TOO_LARGE} if it has more than
     *     {@code maxElements} elements (checked before the elements); {@link ErrorCode#BAD_FIELD}
     *     if it is missing, not an array, or an element is not an object
     */
    List<JsonFields> requiredObjectList(String name, int maxElements) throws ProtocolException {
        JsonNode node = required(name);
        if (!node.isArray()) {
            throw wrongType(name, "an array");
        }
        if (node.size() > maxElements) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "field '" + path + name + "' has "
                    + node.size() + " elements, at most " + maxElements);
        }
        List<JsonFields> elements = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            String elementName = name + "[" + i + "]";
            if (!element.isObject()) {
                throw wrongType(elementName, "an object");
            }
            elements.add(new JsonFields(element, path + elementName + "."));
        }
        return elements;
    }

    private JsonNode required(String name) throws ProtocolException {
        JsonNode node = object.get(name);
        if (node == null) {
            throw new ProtocolException(ErrorCode.BAD_FIELD,
                    "missing field '" + path + name + "'");
        }
        return node;
    }

    private ProtocolException wrongType(String name, String expected) {
        return new ProtocolException(ErrorCode.BAD_FIELD,
                "field '" + path + name + "' must be " + expected);
    }
}
