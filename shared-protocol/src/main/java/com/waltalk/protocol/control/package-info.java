/**
 * Control messages, the JSON text messages of docs/PROTOCOL.md: one immutable record per message
 * type (the {@link com.waltalk.protocol.control.ControlMessage} family, whose types are the one
 * list {@link com.waltalk.protocol.control.MessageType}), their encoding and validation
 * ({@link com.waltalk.protocol.control.ControlCodec}), the enums carried in them
 * ({@link com.waltalk.protocol.control.CallState},
 * {@link com.waltalk.protocol.control.PresenceStatus}), and the call state machine both sides
 * obey ({@link com.waltalk.protocol.control.CallTransitions}, over
 * {@link com.waltalk.protocol.control.CallEvent} and
 * {@link com.waltalk.protocol.control.CallActor}).
 *
 * <p>Uses the JDK, Jackson (inside the codec only: no Jackson type appears in its API) and
 * {@code com.waltalk.protocol}. It must not use {@code com.waltalk.protocol.media} (the two
 * message families are independent), nor sockets, JDBC, JavaFX or anything of the relay or the
 * app: they use it, never the other way round.
 *
 * <p>Everything public here is immutable or stateless and safe to use from any thread.
 */
package com.waltalk.protocol.control;
