/**
 * Media frames, the binary messages of docs/PROTOCOL.md: the header, 32 fixed bytes and the peer
 * name ({@link com.waltalk.protocol.media.MediaHeader},
 * {@link com.waltalk.protocol.media.MediaKind}), a decoded frame
 * ({@link com.waltalk.protocol.media.MediaFrame}) and the codec that checks and writes them
 * ({@link com.waltalk.protocol.media.MediaCodec}); byte offsets are private to the package.
 * Decoding works on views of the received buffer, so the relay can re-stamp a frame with a single
 * copy of its payload.
 *
 * <p>Uses only the JDK and {@code com.waltalk.protocol}. It must not use
 * {@code com.waltalk.protocol.control} (the two message families are independent), nor sockets,
 * JDBC, JavaFX or anything of the relay or the app: they use it, never the other way round.
 *
 * <p>The header and frame types are immutable and the codec stateless; see each class for the
 * buffers it reads or fills.
 */
package com.waltalk.protocol.media;
