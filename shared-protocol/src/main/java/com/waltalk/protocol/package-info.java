/**
 * The WalTalk wire protocol's vocabulary, shared by both ends (docs/PROTOCOL.md): the protocol
 * version ({@link com.waltalk.protocol.ProtocolVersion}), the error codes of {@code error}
 * messages ({@link com.waltalk.protocol.ErrorCode}) and the exception that carries one
 * ({@link com.waltalk.protocol.ProtocolException}), the WebSocket close codes
 * ({@link com.waltalk.protocol.CloseCode}), the size and range limits
 * ({@link com.waltalk.protocol.Limits}) and the user-name rule
 * ({@link com.waltalk.protocol.UserNames}). Each of these values is defined here once; the relay
 * and the desktop app use these types instead of restating numbers or wire strings.
 *
 * <p>Uses only the JDK. It must not use its subpackages {@code control} and {@code media} (they
 * build on it), nor sockets, JDBC, JavaFX or anything of the relay or the app.
 *
 * <p>Everything here is immutable or stateless and safe to use from any thread.
 */
package com.waltalk.protocol;
