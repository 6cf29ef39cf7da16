package com.waltalk.protocol.control;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.Limits;
import com.waltalk.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the properties of a received JSON object to the record for its type, checking every
 * value first (with {@link FieldRules}, in the order of the record's components) so that the
 * records' constructors never reject what this accepts.
 */
final class ControlMessageReader {

    private ControlMessageReader() {
    }

    static ControlMessage read(String typeName, JsonFields fields) throws ProtocolException {
        MessageType type = MessageType.fromWire(typeName).orElseThrow(() -> new ProtocolException(
                ErrorCode.UNKNOWN_TYPE, "unknown message type '" + abbreviate(typeName) + "'"));
        // no default: a new message type does not compile until it is read here
        return switch (type) {
            case HELLO -> new Hello(protocol(fields), fields.optionalString("client"));
            case WELCOME -> new Welcome(protocol(fields), fields.requiredString("relayId"),
                    fields.requiredLong("serverTimeMicros"),
                    fields.requiredBoolean("registrationOpen"),
                    fields.optionalBoolean("inviteRequired", false));
            case ERROR -> new ErrorMessage(fields.requiredString("code"),
                    fields.requiredString("message"), fields.requiredBoolean("fatal"),
                    FieldRules.optionalNonNegative(fields.name("retryAfterMs"),
                            fields.optionalLong("retryAfterMs")));
            case PING -> new Ping(fields.requiredLong("id"));
            case PONG -> new Pong(fields.requiredLong("id"));
            case REGISTER -> new Register(user(fields, "user"),
                    FieldRules.password(fields.name("password"),
                            fields.requiredString("password")),
                    FieldRules.optionalInvite(fields.name("invite"), fields.optionalString("invite")));
            case SIGN_IN -> signIn(fields);
            case SIGN_OUT -> new SignOut();
            case CALL_START -> new CallStart(user(fields, "to"));
            case CALL_ACCEPT -> new CallAccept(id(fields, "callId"));
            case CALL_DECLINE -> new CallDecline(id(fields, "callId"));
            case CALL_HANGUP -> new CallHangup(id(fields, "callId"));
            case CHAT_SEND -> new ChatSend(user(fields, "to"), chatBody(fields),
                    clientMsgId(fields));
            case MEDIA_STATE -> new MediaState(id(fields, "callId"),
                    fields.requiredBoolean("videoOn"), fields.requiredBoolean("audioOn"));
            case SIGNED_IN -> new SignedIn(user(fields, "user"),
                    FieldRules.token(fields.name("token"), fields.requiredString("token")),
                    fields.requiredLong("tokenExpiresAtMicros"));
            case CONTACTS -> new Contacts(contactEntries(fields), fields.requiredBoolean("last"));
            case CONTACT -> new ContactUpdate(user(fields, "user"), contactRelation(fields),
                    PresenceStatus.fromWire(presenceStatus(fields)).orElseThrow());
            case CONTACT_ACTION -> new ContactAction(user(fields, "user"), contactAction(fields));
            case PRESENCE -> new Presence(user(fields, "user"), presenceStatus(fields));
            case CALL -> callUpdate(fields);
            case CALL_HISTORY -> new CallHistory(callUpdates(fields));
            case CHAT -> chat(fields);
            case CHAT_HISTORY -> new ChatHistory(chats(fields));
        };
    }

    private static SignIn signIn(JsonFields fields) throws ProtocolException {
        String user = fields.optionalString("user");
        String password = fields.optionalString("password");
        String token = fields.optionalString("token");
        FieldRules.signIn(user, password, token);
        return new SignIn(user, password, token);
    }

    private static List<ContactEntry> contactEntries(JsonFields fields)
            throws ProtocolException {
        List<ContactEntry> contacts = new ArrayList<>();
        for (JsonFields element
                : fields.requiredObjectList("contacts", Limits.MAX_LIST_ELEMENTS)) {
            contacts.add(new ContactEntry(user(element, "user"), contactRelation(element),
                    PresenceStatus.fromWire(presenceStatus(element)).orElseThrow()));
        }
        return contacts;
    }

    private static ContactRelation contactRelation(JsonFields fields) throws ProtocolException {
        return FieldRules.contactRelation(fields.name("relation"),
                fields.requiredString("relation"));
    }

    private static ContactAction.Kind contactAction(JsonFields fields) throws ProtocolException {
        return FieldRules.contactAction(fields.name("action"), fields.requiredString("action"));
    }

    private static CallUpdate callUpdate(JsonFields fields) throws ProtocolException {
        long callId = id(fields, "callId");
        String caller = user(fields, "caller");
        String callee = user(fields, "callee");
        CallState state = FieldRules.callState(fields.name("state"),
                fields.requiredString("state"));
        long createdAtMicros = fields.requiredLong("createdAtMicros");
        Long answeredAtMicros = fields.optionalLong("answeredAtMicros");
        Long endedAtMicros = fields.optionalLong("endedAtMicros");
        String endedBy = fields.optionalString("endedBy");
        if (endedBy != null) {
            FieldRules.user(fields.name("endedBy"), endedBy);
        }
        return new CallUpdate(callId, caller, callee, state, createdAtMicros, answeredAtMicros,
                endedAtMicros, endedBy, mediaFlags(fields, "callerMedia"),
                mediaFlags(fields, "calleeMedia"));
    }

    private static List<CallUpdate> callUpdates(JsonFields fields) throws ProtocolException {
        List<CallUpdate> calls = new ArrayList<>();
        for (JsonFields element : fields.requiredObjectList("calls", Limits.MAX_LIST_ELEMENTS)) {
            calls.add(callUpdate(element));
        }
        return calls;
    }

    private static MediaFlags mediaFlags(JsonFields fields, String name)
            throws ProtocolException {
        JsonFields flags = fields.requiredObject(name);
        return new MediaFlags(flags.requiredBoolean("videoOn"), flags.requiredBoolean("audioOn"));
    }

    private static Chat chat(JsonFields fields) throws ProtocolException {
        return new Chat(id(fields, "id"), user(fields, "from"), user(fields, "to"),
                chatBody(fields), fields.requiredLong("sentAtMicros"), clientMsgId(fields));
    }

    private static List<Chat> chats(JsonFields fields) throws ProtocolException {
        List<Chat> messages = new ArrayList<>();
        for (JsonFields element
                : fields.requiredObjectList("messages", Limits.MAX_LIST_ELEMENTS)) {
            messages.add(chat(element));
        }
        return messages;
    }

    private static int protocol(JsonFields fields) throws ProtocolException {
        int protocol = fields.requiredInt("protocol");
        if (protocol < 1) {
            throw new ProtocolException(ErrorCode.BAD_FIELD,
                    "field 'protocol' must be at least 1, got " + protocol);
        }
        return protocol;
    }

    private static String user(JsonFields fields, String name) throws ProtocolException {
        return FieldRules.user(fields.name(name), fields.requiredString(name));
    }

    private static long id(JsonFields fields, String name) throws ProtocolException {
        return FieldRules.id(fields.name(name), fields.requiredLong(name));
    }

    private static String presenceStatus(JsonFields fields) throws ProtocolException {
        return FieldRules.presenceStatus(fields.name("status"), fields.requiredString("status"));
    }

    private static String chatBody(JsonFields fields) throws ProtocolException {
        return FieldRules.chatBody(fields.name("body"), fields.requiredString("body"));
    }

    private static String clientMsgId(JsonFields fields) throws ProtocolException {
        return FieldRules.optionalClientMsgId(fields.name("clientMsgId"),
                fields.optionalString("clientMsgId"));
    }

    /** Keeps error messages short when a peer sends a huge type string. */
    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
