package com.waltalk.protocol.control;

import java.util.Optional;

/**
 * The {@code "type"} of a control message: the one list of message types and their wire names
 * ({@code docs/PROTOCOL.md}, "Messages at a glance"). Each {@link ControlMessage} record returns
 * its constant from {@link ControlMessage#type()}, and {@link ControlCodec} dispatches on it.
 * Constant names are the wire names in upper case.
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public enum MessageType {
    /** {@link Hello}, client → relay. */
    HELLO("hello"),
    /** {@link Welcome}, relay → client. */
    WELCOME("welcome"),
    /** {@link Register}, client → relay. */
    REGISTER("register"),
    /** {@link SignIn}, client → relay. */
    SIGN_IN("sign_in"),
    /** {@link SignedIn}, relay → client. */
    SIGNED_IN("signed_in"),
    /** {@link SignOut}, client → relay. */
    SIGN_OUT("sign_out"),
    /** {@link Contacts}, relay → client. */
    CONTACTS("contacts"),
    /** {@link ContactUpdate}, relay → client. */
    CONTACT("contact"),
    /** {@link ContactAction}, client → relay. */
    CONTACT_ACTION("contact_action"),
    /** {@link Presence}, relay → client. */
    PRESENCE("presence"),
    /** {@link CallStart}, client → relay. */
    CALL_START("call_start"),
    /** {@link CallAccept}, client → relay. */
    CALL_ACCEPT("call_accept"),
    /** {@link CallDecline}, client → relay. */
    CALL_DECLINE("call_decline"),
    /** {@link CallHangup}, client → relay. */
    CALL_HANGUP("call_hangup"),
    /** {@link MediaState}, client → relay. */
    MEDIA_STATE("media_state"),
    /** {@link CallUpdate}, relay → client. */
    CALL("call"),
    /** {@link CallHistory}, relay → client. */
    CALL_HISTORY("call_history"),
    /** {@link ChatSend}, client → relay. */
    CHAT_SEND("chat_send"),
    /** {@link Chat}, relay → client. */
    CHAT("chat"),
    /** {@link ChatHistory}, relay → client. */
    CHAT_HISTORY("chat_history"),
    /** {@link ErrorMessage}, relay → client. */
    ERROR("error"),
    /** {@link Ping}, either direction. */
    PING("ping"),
    /** {@link Pong}, either direction. */
    PONG("pong");

    private static final MessageType[] ALL = values();

    private final String wire;

    MessageType(String wire) {
        this.wire = wire;
    }

    /** The value of the {@code "type"} property on the wire; case-sensitive. */
    public String wire() {
        return wire;
    }

    /**
     * Looks up a type by its wire name.
     *
     * @param wire the wire name, may be {@code null}
     * @return the type, or empty if {@code wire} is {@code null} or not a known type (the codec
     *     answers that with {@code unknown_type})
     */
    public static Optional<MessageType> fromWire(String wire) {
        for (MessageType type : ALL) {
            if (type.wire.equals(wire)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * The wire name, so that log lines and error messages that mention a message's type read as the
     * protocol spells it ("a client does not send call").
     */
    @Override
    public String toString() {
        return wire;
    }
}
