package com.waltalk.protocol.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Fills a JSON object with a control message's properties, {@code "type"} first, then in the
 * order of the record's components; absent optional properties are omitted.
 */
final class ControlMessageWriter {

    private ControlMessageWriter() {
    }

    static ObjectNode write(ControlMessage message, ObjectNode out) {
        out.put("type", message.type().wire());
        // pattern matching for switch is not final in Java 17, hence the instanceof chain
        if (message instanceof Hello m) {
            out.put("protocol", m.protocol());
            putOptional(out, "client", m.client());
        } else if (message instanceof Welcome m) {
            out.put("protocol", m.protocol()).put("relayId", m.relayId())
                    .put("serverTimeMicros", m.serverTimeMicros())
                    .put("registrationOpen", m.registrationOpen());
            if (m.inviteRequired()) {
                out.put("inviteRequired", true); // absent means false: older clients see the welcome they know
            }
        } else if (message instanceof ErrorMessage m) {
            out.put("code", m.code()).put("message", m.message()).put("fatal", m.fatal());
            putOptional(out, "retryAfterMs", m.retryAfterMs());
        } else if (message instanceof Ping m) {
            out.put("id", m.id());
        } else if (message instanceof Pong m) {
            out.put("id", m.id());
        } else if (message instanceof Register m) {
            out.put("user", m.user()).put("password", m.password());
            putOptional(out, "invite", m.invite());
        } else if (message instanceof SignIn m) {
            putOptional(out, "user", m.user());
            putOptional(out, "password", m.password());
            putOptional(out, "token", m.token());
        } else if (message instanceof SignOut) {
            // no properties
        } else if (message instanceof CallStart m) {
            out.put("to", m.to());
        } else if (message instanceof CallAccept m) {
            out.put("callId", m.callId());
        } else if (message instanceof CallDecline m) {
            out.put("callId", m.callId());
        } else if (message instanceof CallHangup m) {
            out.put("callId", m.callId());
        } else if (message instanceof ChatSend m) {
            out.put("to", m.to()).put("body", m.body());
            putOptional(out, "clientMsgId", m.clientMsgId());
        } else if (message instanceof MediaState m) {
            out.put("callId", m.callId()).put("videoOn", m.videoOn())
                    .put("audioOn", m.audioOn());
        } else if (message instanceof SignedIn m) {
            out.put("user", m.user()).put("token", m.token())
                    .put("tokenExpiresAtMicros", m.tokenExpiresAtMicros());
        } else if (message instanceof Contacts m) {
            ArrayNode contacts = out.putArray("contacts");
            for (ContactEntry entry : m.contacts()) {
                contacts.addObject().put("user", entry.user())
                        .put("relation", entry.relation().wire())
                        .put("status", entry.status().wire());
            }
            out.put("last", m.last());
        } else if (message instanceof ContactUpdate m) {
            out.put("user", m.user()).put("relation", m.relation().wire())
                    .put("status", m.status().wire());
        } else if (message instanceof ContactAction m) {
            out.put("user", m.user()).put("action", m.action().wire());
        } else if (message instanceof Presence m) {
            out.put("user", m.user()).put("status", m.status());
        } else if (message instanceof CallUpdate m) {
            writeCall(m, out);
        } else if (message instanceof CallHistory m) {
            ArrayNode calls = out.putArray("calls");
            for (CallUpdate call : m.calls()) {
                writeCall(call, calls.addObject());
            }
        } else if (message instanceof Chat m) {
            writeChat(m, out);
        } else if (message instanceof ChatHistory m) {
            ArrayNode messages = out.putArray("messages");
            for (Chat chat : m.messages()) {
                writeChat(chat, messages.addObject());
            }
        } else {
            throw new IllegalStateException("unhandled control message " + message.getClass());
        }
        return out;
    }

    private static void writeCall(CallUpdate m, ObjectNode out) {
        out.put("callId", m.callId()).put("caller", m.caller()).put("callee", m.callee())
                .put("state", m.state().wire()).put("createdAtMicros", m.createdAtMicros());
        putOptional(out, "answeredAtMicros", m.answeredAtMicros());
        putOptional(out, "endedAtMicros", m.endedAtMicros());
        putOptional(out, "endedBy", m.endedBy());
        writeFlags(m.callerMedia(), out.putObject("callerMedia"));
        writeFlags(m.calleeMedia(), out.putObject("calleeMedia"));
    }

    private static void writeFlags(MediaFlags flags, ObjectNode out) {
        out.put("videoOn", flags.videoOn()).put("audioOn", flags.audioOn());
    }

    private static void writeChat(Chat m, ObjectNode out) {
        out.put("id", m.id()).put("from", m.from()).put("to", m.to()).put("body", m.body())
                .put("sentAtMicros", m.sentAtMicros());
        putOptional(out, "clientMsgId", m.clientMsgId());
    }

    private static void putOptional(ObjectNode out, String name, String value) {
        if (value != null) {
            out.put(name, value);
        }
    }

    private static void putOptional(ObjectNode out, String name, Long value) {
        if (value != null) {
            out.put(name, value.longValue());
        }
    }
}
