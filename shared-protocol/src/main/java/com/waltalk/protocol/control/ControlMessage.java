package com.waltalk.protocol.control;

/**
 * A JSON control message, sent as one WebSocket text message and told apart by its
 * {@code "type"} property ({@link MessageType}). Encode and decode with {@link ControlCodec}.
 *
 * <p>Thread-safety: all implementations are immutable records; safe to share between threads.
 */
public sealed interface ControlMessage permits
        // either direction, or before sign-in
        Hello, Welcome, ErrorMessage, Ping, Pong,
        // client → relay
        Register, SignIn, SignOut, CallStart, CallAccept, CallDecline, CallHangup, ChatSend,
        MediaState, ContactAction,
        // relay → client
        SignedIn, Contacts, ContactUpdate, Presence, CallUpdate, CallHistory, Chat, ChatHistory {

    /** This message's type; its {@linkplain MessageType#wire() wire name} goes in {@code "type"}. */
    MessageType type();
}
