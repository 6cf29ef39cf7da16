package com.waltalk.protocol.control;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Fills a JSON object with a control message's properties, {@code "type"} first. */
final class ControlMessageWriter {

    private ControlMessageWriter() {
    }

    static ObjectNode write(ControlMessage message, ObjectNode out) {
        out.put("type", message.type());
        // pattern matching for switch is not final in Java 17, hence the instanceof chain
        if (message instanceof Hello m) {
            out.put("protocol", m.protocol()).put("user", m.user());
            if (m.client() != null) {
                out.put("client", m.client());
            }
        } else if (message instanceof Welcome m) {
            out.put("protocol", m.protocol()).put("user", m.user())
                    .put("relayId", m.relayId()).put("serverTimeMicros", m.serverTimeMicros());
        } else if (message instanceof ErrorMessage m) {
            out.put("code", m.code()).put("message", m.message()).put("fatal", m.fatal());
        } else if (message instanceof Ping m) {
            out.put("id", m.id());
        } else if (message instanceof Pong m) {
            out.put("id", m.id());
        } else if (message instanceof MediaState m) {
            out.put("videoOn", m.videoOn()).put("audioOn", m.audioOn());
        } else {
            throw new IllegalStateException("unhandled control message " + message.getClass());
        }
        return out;
    }
}
