/**
 * The media of the accepted call on the wire: {@link com.waltalk.desktop.call.CallMedia} is what the
 * pipelines see, {@link com.waltalk.desktop.call.MediaLink} turns their frames into media messages (call
 * id, peer, sequence, capture time in the relay's clock) on the signed-in connection and back, drops what
 * belongs to no accepted call, and meters every stream ({@code StreamMeter}, {@code MediaStats}).
 *
 * <p><b>Uses</b> {@code media}, {@code net} (it queues on a {@code RelayConnection}) and shared-protocol.
 * <b>Must not use</b> {@code session}, the {@code ui} packages, JavaFX or the pipelines themselves
 * ({@code audio}, {@code capture}, {@code playback}, {@code video}): they plug in through
 * {@code CallMedia}. <b>Used by</b> {@code session} (which routes the link to the accepted call),
 * {@code ui.call} (statistics), the composition root and {@code bench}.
 *
 * <p><b>Threads.</b> No thread of its own. {@code send*} run on the capture threads ({@code video-capture},
 * {@code microphone}) and only encode and queue; incoming media is delivered on the Tyrus receive thread
 * to consumers that must not block; the session thread routes and unroutes. State is volatile.
 */
package com.waltalk.desktop.call;
