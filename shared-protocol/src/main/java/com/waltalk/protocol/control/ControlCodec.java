package com.waltalk.protocol.control;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.Limits;
import com.waltalk.protocol.ProtocolException;
import java.util.Objects;

/**
 * Encodes and decodes JSON control messages (one WebSocket text message each) as described in
 * {@code docs/PROTOCOL.md}.
 *
 * <p>Decoding parses into a JSON tree under tight limits (size, nesting depth, duplicate keys,
 * trailing content) and maps each type by hand, so no Jackson coercion applies. Unknown
 * properties are ignored for forward compatibility.
 *
 * <p>Thread-safety: stateless apart from one internally configured, never reconfigured
 * {@link ObjectMapper}; safe to use from any thread.
 */
public final class ControlCodec {

    private static final ObjectMapper MAPPER = createMapper();

    private ControlCodec() {
    }

    /**
     * Decodes one control message of at most {@link Limits#MAX_CONTROL_BYTES} UTF-8 bytes: the
     * limit for messages a client sends, so the one the relay uses.
     *
     * <p>For any content this returns a message or throws {@link ProtocolException}; it never
     * throws anything else for bad input.
     *
     * @throws ProtocolException {@link ErrorCode#TOO_LARGE} over {@link Limits#MAX_CONTROL_BYTES}
     *     UTF-8 bytes, a list over {@link Limits#MAX_LIST_ELEMENTS} elements or a chat body over
     *     {@link Limits#MAX_CHAT_CHARS} code points; {@link ErrorCode#BAD_JSON} if not a single
     *     well-formed JSON object with a string {@code "type"}; {@link ErrorCode#UNKNOWN_TYPE};
     *     {@link ErrorCode#BAD_FIELD} for a missing, mistyped or out-of-range property (the
     *     message names it); {@link ErrorCode#BAD_USER_NAME} for an invalid user name
     * @throws NullPointerException if {@code json} is {@code null}
     */
    public static ControlMessage decode(String json) throws ProtocolException {
        return decode(json, Limits.MAX_CONTROL_BYTES);
    }

    /**
     * Decodes one control message of at most {@code maxBytes} UTF-8 bytes. Clients pass
     * {@link Limits#MAX_SERVER_CONTROL_BYTES}, since the relay's history messages exceed
     * {@link Limits#MAX_CONTROL_BYTES}.
     *
     * <p>For any content this returns a message or throws {@link ProtocolException}; it never
     * throws anything else for bad input.
     *
     * @param maxBytes the largest acceptable message, in UTF-8 bytes, at least 1
     * @throws ProtocolException as {@link #decode(String)}, but {@link ErrorCode#TOO_LARGE} over
     *     {@code maxBytes} UTF-8 bytes
     * @throws NullPointerException if {@code json} is {@code null}
     * @throws IllegalArgumentException if {@code maxBytes < 1}
     */
    public static ControlMessage decode(String json, int maxBytes) throws ProtocolException {
        Objects.requireNonNull(json, "json");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, got " + maxBytes);
        }
        // every char is at least one UTF-8 byte, so a long string is too large without counting
        if (json.length() > maxBytes || utf8Length(json) > maxBytes) {
            throw new ProtocolException(ErrorCode.TOO_LARGE,
                    "control message exceeds " + maxBytes + " bytes");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            // Jackson's own message quotes the offending input ("Unrecognized token 'hunter2'"),
            // which may be a password or token: say only where, and keep its exception out of
            // the chain, so nothing that logs this exception can leak the input.
            throw new ProtocolException(ErrorCode.BAD_JSON, malformedJson(e));
        }
        if (root == null || !root.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_JSON,
                    "control message must be a JSON object");
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            throw new ProtocolException(ErrorCode.BAD_JSON,
                    "control message needs a string property 'type'");
        }
        return ControlMessageReader.read(type.textValue(), new JsonFields(root));
    }

    /**
     * Encodes a control message as compact JSON with {@code "type"} first.
     *
     * <p>The limit is {@link Limits#MAX_SERVER_CONTROL_BYTES}, so that the relay can send its
     * history messages. Every valid {@link ChatSend} fits {@link Limits#MAX_CONTROL_BYTES}; a
     * client sending messages with other unbounded strings (such as {@link Hello#client()}) can
     * use {@link #encode(ControlMessage, int)} to stay within what the relay accepts.
     *
     * @throws IllegalArgumentException if the result would exceed
     *     {@link Limits#MAX_SERVER_CONTROL_BYTES} UTF-8 bytes (so could not be decoded by the
     *     peer); the relay must size its history lists to fit
     */
    public static String encode(ControlMessage message) {
        return encode(message, Limits.MAX_SERVER_CONTROL_BYTES);
    }

    /**
     * Encodes a control message as compact JSON with {@code "type"} first, refusing a result
     * over {@code maxBytes} UTF-8 bytes.
     *
     * @throws IllegalArgumentException if the result would exceed {@code maxBytes} UTF-8 bytes
     */
    public static String encode(ControlMessage message, int maxBytes) {
        Objects.requireNonNull(message, "message");
        String json;
        try {
            json = MAPPER.writeValueAsString(
                    ControlMessageWriter.write(message, MAPPER.createObjectNode()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
        if (utf8Length(json) > maxBytes) {
            throw new IllegalArgumentException(message.type() + " message exceeds "
                    + maxBytes + " bytes when encoded");
        }
        return json;
    }

    /** Where the JSON went wrong, without quoting any of it. */
    private static String malformedJson(JacksonException e) {
        JsonLocation at = e.getLocation();
        if (at == null || at.getLineNr() < 1 || at.getColumnNr() < 1) {
            return "malformed JSON";
        }
        return "malformed JSON at line " + at.getLineNr() + " column " + at.getColumnNr();
    }

    /** UTF-8 length without allocating; an unpaired surrogate counts as 3 bytes. */
    static int utf8Length(CharSequence s) {
        int bytes = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static ObjectMapper createMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(Limits.MAX_CONTROL_NESTING_DEPTH)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }
}
