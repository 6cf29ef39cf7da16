package com.waltalk.protocol.control;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.ProtocolException;
import com.waltalk.protocol.UserNames;

/**
 * Maps the properties of a received JSON object to the record for its type, checking every
 * value first so that the records' constructors never reject what this accepts.
 */
final class ControlMessageReader {

    private ControlMessageReader() {
    }

    static ControlMessage read(String type, JsonFields fields) throws ProtocolException {
        return switch (type) {
            case Hello.TYPE -> new Hello(protocol(fields), user(fields),
                    fields.optionalString("client"));
            case Welcome.TYPE -> new Welcome(protocol(fields), user(fields),
                    fields.requiredString("relayId"), fields.requiredLong("serverTimeMicros"));
            case ErrorMessage.TYPE -> new ErrorMessage(fields.requiredString("code"),
                    fields.requiredString("message"), fields.requiredBoolean("fatal"));
            case Ping.TYPE -> new Ping(fields.requiredLong("id"));
            case Pong.TYPE -> new Pong(fields.requiredLong("id"));
            case MediaState.TYPE -> new MediaState(fields.requiredBoolean("videoOn"),
                    fields.requiredBoolean("audioOn"));
            default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE,
                    "unknown message type '" + abbreviate(type) + "'");
        };
    }

    private static int protocol(JsonFields fields) throws ProtocolException {
        int protocol = fields.requiredInt("protocol");
        if (protocol < 1) {
            throw new ProtocolException(ErrorCode.BAD_FIELD,
                    "field 'protocol' must be at least 1, got " + protocol);
        }
        return protocol;
    }

    private static String user(JsonFields fields) throws ProtocolException {
        return UserNames.validate(fields.requiredString("user"));
    }

    /** Keeps error messages short when a peer sends a huge type string. */
    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
