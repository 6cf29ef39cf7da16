/**
 * {@link com.waltalk.relay.refusal.RequestRefused}: a client request the relay's rules refuse, with the
 * protocol error code to answer it with. Its own package because both sides of the session/store
 * boundary use it: the stores ({@code calls}, {@code chat}) throw it, the session layer answers it as an
 * {@code error} message.
 *
 * <p><b>May use</b> shared-protocol's {@code ErrorCode} only. <b>Must not use</b> any other relay package.
 */
package com.waltalk.relay.refusal;
